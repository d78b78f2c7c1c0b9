# Peer: R spdep — Getis–Ord Gi* (localG on include.self neighbours, binary weights).
#
#   Rscript bench/hotspots/peers/spdep.R --input F --cell M --band M --out F [--kd TRUE|FALSE]
#   Rscript bench/hotspots/peers/spdep.R --cells TRYGG_OUT.csv --cell M --band M --out F [--kd ...]
#
# Pipeline (each step timed with wall-clock, printed as one JSON line like Trygg's CLI):
#   load    data.table::fread(select = c("lat", "lon"))   (read.csv if data.table is missing)
#   project sf::sf_project("EPSG:4326" -> "EPSG:3006")     (PROJ, vectorised on a matrix)
#   bin     ix = floor(E / cell), iy = floor(N / cell); count per (ix, iy) (data.table by=)
#   nb      dnearneigh(cell centroids, 0, band, use_kd_tree = kd) |> include.self() |> nb2listw("B")
#   gistar  localG(count, lw); p = 2·Φ(−|z|); q = p.adjust(p, "BH"); class (hot/cold 99/95/90 by p)
#   write   fwrite(cell, count, gi_z, p, q, class)
# The --cells mode skips load/project/bin and reads the cells and counts from another engine's
# output (cell,count,…): it runs spdep's Gi* on exactly the same cells, which isolates the Gi*
# computation from any difference in projection (used by run.ts for the equality check).

args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default = NULL) {
  i <- match(name, args)
  if (is.na(i)) default else args[[i + 1L]]
}
input <- opt("--input")
cells_in <- opt("--cells")
cell <- as.numeric(opt("--cell", "100"))
band <- as.numeric(opt("--band", "250"))
out <- opt("--out")
kd <- as.logical(opt("--kd", "TRUE"))
if ((is.null(input) && is.null(cells_in)) || is.null(out)) stop("usage: --input F | --cells F, --cell M --band M --out F")

t_start <- proc.time()[["elapsed"]]
suppressPackageStartupMessages({
  have_dt <- requireNamespace("data.table", quietly = TRUE)
  library(spdep)
  if (is.null(cells_in)) library(sf)
})
have_dbscan <- requireNamespace("dbscan", quietly = TRUE)
if (kd && !have_dbscan) stop("use_kd_tree = TRUE needs the dbscan package (apt-get install r-cran-dbscan)")
t_libs <- proc.time()[["elapsed"]]

timings <- list()
tick <- proc.time()[["elapsed"]]
lap <- function(name) {
  now <- proc.time()[["elapsed"]]
  timings[[name]] <<- round((now - tick) * 1000, 1)
  tick <<- now
}

n_points <- NA_integer_
if (is.null(cells_in)) {
  if (have_dt) {
    pts <- data.table::fread(input, select = c("lat", "lon"), colClasses = list(numeric = c("lat", "lon")), showProgress = FALSE)
  } else {
    pts <- utils::read.csv(input, colClasses = c("numeric", "numeric", "NULL", "NULL"))
  }
  n_points <- nrow(pts)
  lap("load")
  xy <- sf::sf_project("EPSG:4326", "EPSG:3006", cbind(pts$lon, pts$lat))
  rm(pts)
  lap("project")
  ix <- floor(xy[, 1] / cell)
  iy <- floor(xy[, 2] / cell)
  rm(xy)
  if (have_dt) {
    cells <- data.table::data.table(ix = ix, iy = iy)[, list(count = .N), by = list(ix, iy)]
  } else {
    cells <- stats::aggregate(list(count = rep(1L, length(ix))), by = list(ix = ix, iy = iy), FUN = length)
  }
  rm(ix, iy)
  lap("bin")
} else {
  trg <- if (have_dt) data.table::fread(cells_in, select = c("cell", "count"), colClasses = list(character = "cell")) else utils::read.csv(cells_in)[, c("cell", "count")]
  parts <- do.call(rbind, strsplit(trg$cell, "_", fixed = TRUE))
  cells <- data.frame(ix = as.numeric(parts[, 1]), iy = as.numeric(parts[, 2]), count = as.integer(trg$count))
  n_points <- sum(cells$count)
  rm(trg, parts)
  lap("load")
  timings$project <- 0
  timings$bin <- 0
}

coords <- cbind((cells$ix + 0.5) * cell, (cells$iy + 0.5) * cell)
nb <- dnearneigh(coords, 0, band, use_kd_tree = kd)
nb <- include.self(nb)
lw <- nb2listw(nb, style = "B")
lap("nb")

z <- as.numeric(localG(as.numeric(cells$count), lw))
p <- 2 * pnorm(abs(z), lower.tail = FALSE)
q <- p.adjust(p, method = "BH")
# ArcGIS-style classes from p (as Trygg's default): hot/cold at 99/95/90 %, otherwise ns
cls <- ifelse(!is.na(z) & p < 0.1 & z != 0,
              paste0(ifelse(z > 0, "hot", "cold"), ifelse(p < 0.01, "99", ifelse(p < 0.05, "95", "90"))), "ns")
lap("gistar")

res <- data.frame(cell = paste0(format(cells$ix, scientific = FALSE, trim = TRUE), "_", format(cells$iy, scientific = FALSE, trim = TRUE)),
                  count = cells$count, gi_z = z, p = p, q = q, class = cls)
if (have_dt) {
  data.table::fwrite(res, out, dec = ".", sep = ",", quote = FALSE)
} else {
  utils::write.csv(res, out, row.names = FALSE, quote = FALSE)
}
lap("write")

total <- proc.time()[["elapsed"]] - t_libs
cat(sprintf(
  '{"load":%s,"project":%s,"bin":%s,"nb":%s,"gistar":%s,"write":%s,"total_ms":%s,"startup_ms":%s,"n":%d,"cells":%d,"kd":%s,"reader":"%s","threads":%d,"mean_neighbours":%s}\n',
  timings$load, timings$project, timings$bin, timings$nb, timings$gistar, timings$write,
  round(total * 1000, 1), round((t_libs - t_start) * 1000, 1), as.integer(n_points), nrow(cells),
  tolower(as.character(kd)), if (have_dt) "data.table::fread" else "utils::read.csv",
  if (have_dt) data.table::getDTthreads() else 1L, round(mean(card(nb)), 3)
))
