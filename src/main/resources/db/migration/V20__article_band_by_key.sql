-- Near-duplicates (issue 3, throughput): one row per MinHash band key instead of one per
-- (key, story). The key is the table's primary key, so H2 stores the rows in one tree
-- (before: the rows, an index on band and one on article_id, 48 entries per story, the
-- band index randomly keyed): storing and looking up bands was half the ingest step. A
-- key belongs to the first story stored with it; a later story that shares it (one less
-- than min-similarity alike, else it would not have been stored) keeps its other keys.
create table article_band_key (
    band       bigint not null primary key,
    article_id bigint not null
);
insert into article_band_key (band, article_id) select band, min(article_id) from article_band group by band;
drop table article_band;
alter table article_band_key rename to article_band;
