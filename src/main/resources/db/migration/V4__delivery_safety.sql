-- Delivery you can trust (issue 5). One script for H2 and PostgreSQL.

-- Set the moment a message is handed to the SMTP server and cleared when its outcome is
-- recorded: a row still marked after a crash was in flight, and may have arrived.
alter table delivery add column sending_at timestamp with time zone;
-- Such a row is sent again (same Message-ID); it stays counted as possibly duplicated.
alter table delivery add column in_doubt boolean default false not null;

-- Hard bounces (550/551/553, invalid address) per subscriber: after
-- dispatch.sending.bounces-to-suppress of them the subscriber's status becomes SUPPRESSED.
alter table subscriber add column hard_bounces integer default 0 not null;
