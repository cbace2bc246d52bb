-- A reader can turn link tracking off on their preferences page: their messages then carry
-- the stories' own addresses, not counted /r/ links. On unless they say otherwise.
alter table subscriber add column link_tracking boolean default true not null;
