-- Outgoing webhooks: each event once, with the exact body every endpoint is sent, and one
-- delivery row per endpoint that wants it. Written in the transaction of what happened,
-- where there is one. One script for H2 and PostgreSQL.
create table webhook_event (
    id          varchar(36)      not null primary key,
    type        varchar(50)      not null,
    occurred_at timestamp with time zone not null,
    body        varchar(1000000) not null
);
create index webhook_event_occurred on webhook_event (occurred_at);

-- status: PENDING (tried again from next_attempt_at), DELIVERED (a 2xx came back), or
-- FAILED (given up after dispatch.outbound.give-up-after; dispatch webhooks replay).
create table webhook_delivery (
    event_id        varchar(36)  not null references webhook_event (id) on delete cascade,
    endpoint        varchar(100) not null,
    status          varchar(10)  not null,
    attempts        integer      default 0 not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000),
    delivered_at    timestamp with time zone,
    primary key (event_id, endpoint)
);
create index webhook_delivery_due on webhook_delivery (status, endpoint, next_attempt_at);
