-- Subscriber pages (issue 9): sign-ups wait as PENDING until confirmed (status is a
-- varchar: no change needed), and a reader can pause their digests until a date.
alter table subscriber add column paused_until date;
create index subscriber_status_created on subscriber (status, created_at);
