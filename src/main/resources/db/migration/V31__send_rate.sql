-- One rate limit for every process that sends (issue 18): dispatch.sending.rate and
-- domain-rate hold across partitions, threads, workers and instances together. A bucket
-- (name '' for all messages, 'domain:<domain>' for one recipient domain) keeps the next
-- free moment to send, in microseconds since the epoch; a process takes a few slots at
-- a time with a conditional update of next_at. One script for H2 and PostgreSQL.
create table dispatch_send_rate (
    name    varchar(300) not null primary key,
    next_at bigint       not null
);
