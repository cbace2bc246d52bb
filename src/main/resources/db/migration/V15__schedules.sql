-- Schedules, send hours and several instances (issue 8). One script for H2 and PostgreSQL.

-- Leases held by running processes and renewed by their heartbeat: "run:<execution id>"
-- for every job run going, "digest-send" while a digest run sends. One whose expiry has
-- passed belongs to a process that died; another instance may take it over.
create table dispatch_lease (
    name       varchar(200) primary key,
    owner      varchar(300) not null,
    expires_at timestamp with time zone not null
);

-- Who an hourly digest run has considered for their local day (edition key), planned or
-- with nothing new: each subscriber is considered once a local day, at or after their
-- send hour.
create table digest_round (
    subscriber_id bigint       not null references subscriber (id) on delete cascade,
    edition_key   varchar(100) not null,
    considered_at timestamp with time zone not null,
    primary key (subscriber_id, edition_key)
);

-- The weekday a weekly subscriber gets their digest on; null for dispatch.digest.weekly-day.
alter table subscriber add column weekly_day varchar(10);
