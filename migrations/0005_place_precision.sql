-- How exact a named place's position is, and where it came from: descriptions of positions
-- ("250 m sydost om centrala Osby") are never finer than the precision, and the source is kept
-- beside the coordinates (a demo's approximate centre points say so).
ALTER TABLE places
  ADD COLUMN precision_m int NOT NULL DEFAULT 50 CHECK (precision_m BETWEEN 1 AND 20000),
  ADD COLUMN source text NOT NULL DEFAULT '' CHECK (length(source) <= 500);
