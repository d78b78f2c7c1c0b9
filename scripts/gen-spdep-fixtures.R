# Reference fixtures for Trygg's analysis engine (src/analysis), computed with R and spdep.
#
#   apt-get install -y r-cran-spdep        # Debian 12: R 4.2, spdep 1.2-7
#   Rscript scripts/gen-spdep-fixtures.R [outdir]   # default test/fixtures/spdep
#   (or scripts/gen-spdep-fixtures.sh, which installs r-cran-spdep first when missing)
#
# Reproducible: fixed seeds, no dependence on time or locale; numbers are written with
# sprintf("%.17g") so that every double round-trips exactly. Files written:
#
#   gistar-<case>.csv   one row per location: x, y, value (and ix, iy, cell for grid cases) plus
#                       spdep's results: gistar_z, gi_z (localG with and without include.self),
#                       nb (neighbour count from dnearneigh), p_gistar, p_gi (2*pnorm(-|z|))
#   cases.csv           case, band, cell (NA for point sets), kind, description
#   ties.csv            pairs at distance exactly equal to the band (and duplicates at distance
#                       0): whether spdep's dnearneigh made them neighbours
#   bh.csv              p, q = p.adjust(p, "BH") (with ties and NA)
#   normal.csv          z, p = 2*pnorm(-abs(z)), cdf = pnorm(z)
#   mann-kendall.csv    series (space separated), S, varS (tie-corrected), Z (continuity
#                       corrected), p, tau (Kendall's tau-b = cor(x, t, method = "kendall"))
#   emerging-cube.csv   a space-time cube: cell, ix, iy, x, y, t, value, gistar_z (localG on the
#                       whole cube with neighbours = cells within the band at times t and t-1,
#                       the location itself included) — the engine's space-time Gi*
#   versions.csv        R and spdep versions used
suppressPackageStartupMessages(library(spdep))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[[1]] else "test/fixtures/spdep"
dir.create(outdir, recursive = TRUE, showWarnings = FALSE)

num <- function(v) ifelse(is.na(v) & !is.nan(v), "NA", sprintf("%.17g", v))

write_rows <- function(df, file) {
  quote <- function(v) ifelse(grepl("[\",]", v), paste0("\"", gsub("\"", "\"\"", v), "\""), v)
  cols <- lapply(df, function(col) if (is.numeric(col)) num(col) else quote(as.character(col)))
  lines <- do.call(paste, c(cols, sep = ","))
  writeLines(c(paste(names(df), collapse = ","), lines), file.path(outdir, file), useBytes = TRUE)
}

spdep_g <- function(coords, value, band) {
  nb <- dnearneigh(coords, 0, band)
  lw <- nb2listw(nb, style = "B", zero.policy = TRUE)
  gi <- as.numeric(localG(value, lw, zero.policy = TRUE))
  nbs <- include.self(nb)
  lws <- nb2listw(nbs, style = "B", zero.policy = TRUE)
  gs <- as.numeric(localG(value, lws, zero.policy = TRUE))
  list(gi = gi, gs = gs, card = card(nb), nb = nb)
}

cases <- data.frame(case = character(), band = numeric(), cell = numeric(), kind = character(),
                    description = character(), stringsAsFactors = FALSE)
ties <- data.frame(case = character(), i = integer(), j = integer(), dx = numeric(), dy = numeric(),
                   band = numeric(), neighbour = logical(), stringsAsFactors = FALSE)

grid_case <- function(name, ix, iy, value, cell, band, description) {
  coords <- cbind((ix + 0.5) * cell, (iy + 0.5) * cell)
  r <- spdep_g(coords, value, band)
  write_rows(data.frame(cell = paste0(ix, "_", iy), ix = ix, iy = iy, x = coords[, 1], y = coords[, 2],
                        value = value, nb = r$card, gistar_z = r$gs, gi_z = r$gi,
                        p_gistar = 2 * pnorm(-abs(r$gs)), p_gi = 2 * pnorm(-abs(r$gi))),
             paste0("gistar-", name, ".csv"))
  cases[nrow(cases) + 1, ] <<- list(name, band, cell, "grid", description)
  record_ties(name, coords, band, r$nb)
}

point_case <- function(name, x, y, value, band, description) {
  coords <- cbind(x, y)
  r <- spdep_g(coords, value, band)
  write_rows(data.frame(x = x, y = y, value = value, nb = r$card, gistar_z = r$gs, gi_z = r$gi,
                        p_gistar = 2 * pnorm(-abs(r$gs)), p_gi = 2 * pnorm(-abs(r$gi))),
             paste0("gistar-", name, ".csv"))
  cases[nrow(cases) + 1, ] <<- list(name, band, NA, "points", description)
  record_ties(name, coords, band, r$nb)
}

# Pairs whose distance (as spdep computes it, hypot) equals the band exactly, or is 0.
record_ties <- function(name, coords, band, nb) {
  n <- nrow(coords)
  for (i in seq_len(n)) for (j in seq_len(n)) {
    if (i == j) next
    d <- sqrt((coords[i, 1] - coords[j, 1])^2 + (coords[i, 2] - coords[j, 2])^2)
    if (d == band || d == 0) {
      ties[nrow(ties) + 1, ] <<- list(name, i, j, coords[i, 1] - coords[j, 1], coords[i, 2] - coords[j, 2],
                                      band, j %in% nb[[i]])
    }
  }
}

set.seed(20240601)

# 1. Regular 12 x 10 grid of 100 m cells, Poisson counts with a bump; band 250 m (no ties).
g <- expand.grid(ix = 3560:3571, iy = 62340:62349)
lambda <- 2 + 8 * exp(-((g$ix - 3564)^2 + (g$iy - 62343)^2) / 6)
grid_case("regular-250", g$ix, g$iy, rpois(nrow(g), lambda), 100, 250,
          "regular 12x10 grid, 100 m cells, Poisson counts with a bump, band 250 m")

# 2. Same grid, band 200 m: offsets (2,0) and (0,2) are exactly at the band.
grid_case("regular-200-ties", g$ix, g$iy, rpois(nrow(g), lambda), 100, 200,
          "regular grid, band 200 m = 2 cells exactly (ties at the band)")

# 3. Same grid, band 500 m: (3,4), (4,3), (5,0), (0,5) exactly at the band.
grid_case("regular-500-ties", g$ix, g$iy, rpois(nrow(g), lambda), 100, 500,
          "regular grid, band 500 m: 3-4-5 offsets exactly at the band")

# 4. Irregular set: 60 % of a 20 x 15 grid of 25 m cells (non-empty cells only), band 62.5 m.
g2 <- expand.grid(ix = 14000:14019, iy = 249700:249714)
keep <- runif(nrow(g2)) < 0.6
g2 <- g2[keep, ]
grid_case("irregular-62.5", g2$ix, g2$iy, 1 + rpois(nrow(g2), 3), 25, 62.5,
          "irregular set of non-empty 25 m cells, counts >= 1, band 62.5 m")

# 5. Irregular set, band 75 m = 3 cells (ties at (3,0)), with isolated cells (Gi undefined).
g3 <- rbind(g2[runif(nrow(g2)) < 0.5, ], data.frame(ix = c(14040, 14060), iy = c(249690, 249730)))
grid_case("irregular-75-ties-isolated", g3$ix, g3$iy, 1 + rpois(nrow(g3), 2), 25, 75,
          "sparser irregular set incl. two isolated cells, band 75 m = 3 cells exactly")

# 6. Edges and corners: a 5 x 4 block with all cells, band 141.42 m (just below the diagonal
#    100*sqrt(2)), so diagonals are out; then band = sqrt(20000), the double nearest 100*sqrt(2):
#    spdep's hypot(100, 100) is that same double, so diagonals are in (a tie at the band).
g4 <- expand.grid(ix = 0:4, iy = 0:3)
v4 <- c(9, 7, 1, 0, 2, 8, 6, 1, 0, 1, 2, 1, 0, 3, 1, 0, 1, 0, 2, 5)
grid_case("corners-below-diagonal", g4$ix + 5000, g4$iy + 60000, v4, 100, 141.42,
          "5x4 block incl. zeros, band just below the cell diagonal (rook-like)")
grid_case("corners-diagonal", g4$ix + 5000, g4$iy + 60000, v4, 100, sqrt(20000),
          "5x4 block incl. zeros, band = hypot(100, 100) (queen-like, tie at the band)")

# 7. Arbitrary points with decimal coordinates where the 3-4-5 tie is not exact in binary
#    (0.3, 0.4 -> 0.5 with rounding), duplicates (distance 0) and a far-away point.
px <- c(0, 0.3, 0, 0.3, 1.1, 1.1, 1.4, 2.5, 0.7, 0.7, 9)
py <- c(0, 0.4, 0.5, 0, 1.0, 1.0, 1.4, 2.0, 0.2, 0.2, 9)
point_case("points-decimal-ties", px, py, c(5, 3, 4, 1, 7, 2, 6, 0, 3, 3, 1), 0.5,
           "points with decimal 3-4-5 ties, duplicates, an isolated point; band 0.5")

# 8. Random points in metres (SWEREF-like), band 300 m.
n8 <- 400
point_case("points-random-300", round(450000 + runif(n8) * 3000, 3), round(6240000 + runif(n8) * 2500, 3),
           rpois(n8, 4), 300, "400 random points over 3 x 2.5 km (mm coordinates), Poisson values, band 300 m")

# 9. Weighted (non-integer) values on a grid, band 150 m.
g5 <- expand.grid(ix = 4300:4315, iy = 62400:62411)
grid_case("weighted-150", g5$ix, g5$iy, round(rgamma(nrow(g5), 2, 0.5), 6), 100, 150,
          "16x12 grid with gamma-distributed non-integer values, band 150 m")

write_rows(cases, "cases.csv")
write_rows(ties, "ties.csv")

# Benjamini-Hochberg, with ties and NA.
p <- c(runif(40)^3, 0.01, 0.01, 0.02, 0.5, 0.5, 1, 0, NA, 1e-12, NA)
write_rows(data.frame(p = p, q = p.adjust(p, method = "BH")), "bh.csv")

# Normal tail probabilities.
z <- c(0, 1e-10, 0.1, -0.5, 0.46875, 1, -1.6448536269514722, 1.959963984540054, 2.5758293035489, 3, 4,
       -4.0001, 5.5, 8, -10, 15, 20, 26, 30, 37.5)
write_rows(data.frame(z = z, p = 2 * pnorm(-abs(z)), cdf = pnorm(z)), "normal.csv")

# Mann-Kendall (base R; variance with the tie correction).
mk <- function(x) {
  n <- length(x)
  s <- 0
  for (i in 1:(n - 1)) for (j in (i + 1):n) s <- s + sign(x[j] - x[i])
  t <- table(x)
  v <- (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5))) / 18
  zz <- if (s > 0) (s - 1) / sqrt(v) else if (s < 0) (s + 1) / sqrt(v) else 0
  tau <- suppressWarnings(cor(x, seq_along(x), method = "kendall"))
  data.frame(series = paste(sprintf("%.17g", x), collapse = " "), S = s, varS = v, Z = zz,
             p = 2 * pnorm(-abs(zz)), tau = tau)
}
series <- list(
  c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
  c(10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
  c(1, 1, 2, 2, 3, 3, 3, 4),
  c(0.5, -1.2, 2.2, 0.1, 3.3, 2.9, 4.1, 3.8, 5.2, 5.0, 6.6, 5.9),
  c(2, 2, 2, 2, 3),
  round(cumsum(rnorm(52)), 1),
  round(rnorm(30), 0),
  c(1.5, 0.2, 1.5, 0.2, 1.5, 0.2, 1.5)
)
write_rows(do.call(rbind, lapply(series, mk)), "mann-kendall.csv")

# Space-time Gi* on a cube: 7 x 6 cells of 100 m (some cells never have data -> not in the cube),
# T = 9 slices, neighbours = cells within 150 m (queen) at t and t - 1, self included.
cg <- expand.grid(ix = 200:206, iy = 6300:6305)
cg <- cg[-c(3, 17, 30), ]
ncell <- nrow(cg)
T <- 9
trend <- outer(seq_len(ncell), seq_len(T), function(c, t) ifelse(c %in% 10:14, 1 + 0.6 * t, 2))
vals <- matrix(rpois(ncell * T, trend), nrow = ncell)
coords <- cbind((cg$ix + 0.5) * 100, (cg$iy + 0.5) * 100)
snb <- dnearneigh(coords, 0, 150)
nbl <- vector("list", ncell * T)
for (t in 1:T) for (c in 1:ncell) {
  sp <- sort(c(c, snb[[c]][snb[[c]] > 0]))
  ids <- (t - 1) * ncell + sp
  if (t > 1) ids <- c((t - 2) * ncell + sp, ids)
  nbl[[(t - 1) * ncell + c]] <- as.integer(sort(ids))
}
class(nbl) <- "nb"
attr(nbl, "region.id") <- as.character(seq_len(ncell * T))
attr(nbl, "self.included") <- TRUE
lwc <- nb2listw(nbl, style = "B")
x <- as.numeric(vals) # column-major: cell varies fastest, i.e. index (t-1)*ncell + c
gz <- as.numeric(localG(x, lwc))
write_rows(data.frame(cell = paste0(rep(cg$ix, T), "_", rep(cg$iy, T)), ix = rep(cg$ix, T), iy = rep(cg$iy, T),
                      x = rep(coords[, 1], T), y = rep(coords[, 2], T), t = rep(0:(T - 1), each = ncell),
                      value = x, gistar_z = gz), "emerging-cube.csv")

write_rows(data.frame(software = c("R", "spdep"),
                      version = c(paste(R.version$major, R.version$minor, sep = "."),
                                  as.character(packageVersion("spdep")))), "versions.csv")
cat("fixtures written to", outdir, "\n")
