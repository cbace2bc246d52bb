-- Rate limits counted in the shared database (issue 21), so that every instance of
-- dispatch serve counts against one limit and a restart forgets nothing: one row per
-- bucket (what is counted: sign-ups from a client, mails to an address, failed logins of
-- an editor or from a client) and fixed window. Rows whose window has ended are deleted
-- by the housekeeping job.
create table rate_counter (
    bucket       varchar(400) not null,
    window_start timestamp with time zone not null,
    window_end   timestamp with time zone not null,
    hits         integer      not null,
    primary key (bucket, window_start)
);
create index rate_counter_end on rate_counter (window_end);
