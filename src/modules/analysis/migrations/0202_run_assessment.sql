-- What a finished hot spot run says about its own data (src/modules/analysis/assessment.ts):
-- {events, cellsWithEvents, eventsPerCell, emptyNearHot, emptyCold, sparse}. `sparse` names the
-- reason ('fewCells' | 'fewEvents' | 'noVariation') when the data were too sparse for classes, in
-- which case no cell is classified. NULL for runs stored before this column existed.
ALTER TABLE analysis_runs ADD COLUMN assessment jsonb;
