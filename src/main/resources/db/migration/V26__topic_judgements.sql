-- Editors' judgements of whether a story is principally about a topic, and the aboutness
-- threshold `dispatch topics tune` fitted to them (issue 16).
-- One script for H2 and PostgreSQL: keep to the SQL both speak.

create table topic_judgement (
    topic_id   bigint  not null references topic (id) on delete cascade,
    article_id bigint  not null references article (id) on delete cascade,
    about      boolean not null,
    judged_at  timestamp with time zone not null,
    primary key (topic_id, article_id)
);

-- Null: the default threshold.
alter table topic add column about_threshold double precision;

-- The old default rule (a hit in the lead or two anywhere) was stored with each topic
-- imported without options; those topics take the new default, aboutness. A topic that
-- wants the old rule says so again with in: lead and min-hits: 2.
update topic set match_in = 'ABOUT', min_hits = 1 where match_in = 'LEAD' and min_hits = 2;
