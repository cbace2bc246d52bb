-- Planning an edition pages through the active subscribers by id (issue 5, throughput).
-- Without this index the database took subscriber_status_created, read every active
-- subscriber and sorted them for each page of 100: planning was quadratic in the list.
create index subscriber_status_id on subscriber (status, id);
