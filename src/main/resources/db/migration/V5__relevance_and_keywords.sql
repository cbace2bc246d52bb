-- Topic relevance options, subscribers' own keyword queries and what they matched.
-- One script for H2 and PostgreSQL: keep to the SQL both speak.

-- Where a match must be (HEADLINE, LEAD, ANYWHERE) and how many hits it needs.
alter table topic add column match_in varchar(10) default 'ANYWHERE' not null;
alter table topic add column min_hits integer default 1 not null;

-- A subscriber's own query in the topic language; null when they have none.
alter table subscriber add column keywords varchar(4000);

create table keyword_match (
    article_id    bigint           not null references article (id) on delete cascade,
    subscriber_id bigint           not null references subscriber (id) on delete cascade,
    score         double precision not null,
    snippet       varchar(2000)    not null,
    highlights    varchar(2000)    not null,
    published_at  timestamp with time zone not null,
    primary key (article_id, subscriber_id)
);
create index keyword_match_subscriber on keyword_match (subscriber_id, published_at);
