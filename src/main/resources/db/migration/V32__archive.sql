-- The public archive (issue 19): whether a topic's stories and feeds are shown on
-- /archive. A topic is on the archive unless its topics file says archive: false.
-- One script for H2 and PostgreSQL: keep to the SQL both speak.
alter table topic add column archive boolean default true not null;
