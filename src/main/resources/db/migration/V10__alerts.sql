-- Breaking-news alerts (issue 7). One script for H2 and PostgreSQL: keep to the SQL both speak.

-- What the editor asked for when flagging an article: a headline to use instead of the
-- article's, and a note shown above the story. One row per article, like its ledger rows
-- (kind 'alert', edition_key the article id).
create table alert_request (
    article_id   bigint        not null primary key references article (id) on delete cascade,
    headline     varchar(1000),
    note         varchar(2000),
    requested_by varchar(200)  not null,
    requested_at timestamp with time zone not null
);

-- The priority lane: a digest's send step asks, about once a second, whether alert rows
-- are waiting; this index answers that without reading the ledger. It also serves the
-- per-subscriber daily cap (alerts planned since a time).
create index delivery_kind_status_planned on delivery (kind, status, planned_at);
create index delivery_subscriber_kind on delivery (subscriber_id, kind, planned_at);
