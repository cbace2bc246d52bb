-- Where a story was filed, from its lead's dateline ("TOKYO, March 3 -"): wire copy says
-- where a story happens in the dateline, not in the lead's words (issue 16). Null when
-- the story has no dateline.
alter table article add column place varchar(200);
