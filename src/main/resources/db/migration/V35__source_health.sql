-- Polite fetching: when each feed or page may be read again, and how it has been failing.
-- One script for H2 and PostgreSQL.
alter table ingest_source add column next_attempt_at timestamp with time zone;
-- why it waits: retry-after, cache, ttl, skip-hours, backoff
alter table ingest_source add column wait_reason varchar(20);
alter table ingest_source add column last_success_at timestamp with time zone;
alter table ingest_source add column last_error varchar(2000);
alter table ingest_source add column last_error_at timestamp with time zone;
-- failures in a row, and since when; both cleared by a success
alter table ingest_source add column failures integer default 0 not null;
alter table ingest_source add column failing_since timestamp with time zone;
-- when the operator was told it has been failing too long (once per failing spell)
alter table ingest_source add column reported_at timestamp with time zone;
