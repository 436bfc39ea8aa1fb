# Golden files for incidence with direct age adjustment (src/registry/analytics/golden/incidence/incidence.json) and
# the seeded synthetic inputs they use (src/registry/analytics/data/incidence-cases.csv,
# incidence-population.csv — made up, not real data). Base R only (qgamma), following
# ../shared/reference/survival.md section 9: AAR = sum w_i c_i / P_i * 1e5, Var = sum w_i^2 c_i / P_i^2 * 1e10,
# Fay-Feuer (1997) gamma interval with w_M = max w_i / P_i; crude rate with the exact Poisson interval
# qgamma(a/2, c) / P, qgamma(1 - a/2, c + 1) / P. Standards: 2000 U.S. Std Million and the unrounded 2000 U.S.
# Std Population (Census P25-1130, 274,633,642), 19 age groups. Tiwari, Clegg & Zou (2006) modified gamma upper
# limit: y* = y + mean(w_i / P_i), v* = v + mean((w_i / P_i)^2) (as asht::wspoissonTest(wmtype = "tcz")).
#   Rscript scripts/golden/incidence.R src/registry/analytics
args <- commandArgs(trailingOnly = TRUE)
outDir <- if (length(args) >= 1) args[1] else "src/registry/analytics"
dir.create(file.path(outDir, "golden", "incidence"), showWarnings = FALSE, recursive = TRUE)
num <- function(x) ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
str <- function(x) paste0("\"", x, "\"")

std <- read.csv(file.path(outDir, "data", "us2000-std-19.csv"), colClasses = c("integer", "character", "numeric"))
unrounded <- read.csv(file.path(outDir, "data", "us2000-pop-19.csv"), colClasses = c("integer", "character", "numeric"))
stopifnot(sum(std$stdMillion) == 1e6, sum(unrounded$population) == 274633642)
weights <- list("us2000-million" = std$stdMillion / sum(std$stdMillion),
                "us2000" = unrounded$population / sum(unrounded$population))

set.seed(20261208)
years <- 2018:2022
pop <- expand.grid(ageGroup = 0:18, sex = 1:2, year = years)
base <- c(1200, 4800, 6100, 6000, 6200, 6500, 6900, 6700, 6300, 6100, 6200, 6400, 6000, 5200, 4300, 3300, 2400, 1700, 1500)
pop$population <- round(base[pop$ageGroup + 1] * runif(nrow(pop), 0.9, 1.1))
write.csv(pop[, c("year", "sex", "ageGroup", "population")], file.path(outDir, "data", "incidence-population.csv"),
          row.names = FALSE, quote = FALSE)
# Cases: age-specific rate rising steeply with age; three site groups.
rate <- 2e-5 * exp(0.085 * (pmax(0:18, 1) * 5))
cases <- NULL
for (r in seq_len(nrow(pop))) {
  k <- rpois(1, pop$population[r] * rate[pop$ageGroup[r] + 1] * ifelse(pop$sex[r] == 1, 1.2, 1))
  if (k == 0) next
  g <- pop$ageGroup[r]
  age <- if (g == 0) rep(0, k) else if (g == 1) sample(1:4, k, TRUE) else if (g == 18) sample(85:99, k, TRUE) else sample((g - 1) * 5 + 0:4, k, TRUE)
  site <- sample(c("lung", "colon", "breast"), k, TRUE, prob = c(0.4, 0.35, 0.25))
  cases <- rbind(cases, data.frame(year = pop$year[r], sex = pop$sex[r], age = age, site = site))
}
cases <- cases[sample(nrow(cases)), ]
write.csv(cases, file.path(outDir, "data", "incidence-cases.csv"), row.names = FALSE, quote = FALSE)

group19 <- function(age) ifelse(age < 1, 0, ifelse(age < 5, 1, pmin(18, floor(age / 5) + 1)))
cases$ageGroup <- group19(cases$age)

rowJson <- function(sel, popSel, strata, w, interval) {
  c_i <- tabulate(cases$ageGroup[sel] + 1, 19)
  P_i <- sapply(0:18, function(g) sum(pop$population[popSel & pop$ageGroup == g]))
  cnt <- sum(c_i); P <- sum(P_i)
  y <- sum(w * c_i / P_i) * 1e5
  v <- sum(w^2 * c_i / P_i^2) * 1e10
  wM <- max(w / P_i) * 1e5
  lo <- if (cnt == 0) 0 else qgamma(0.025, shape = y^2 / v, scale = v / y)
  if (interval == "tiwari") {
    ys <- y + mean(w / P_i) * 1e5
    vs <- v + mean((w / P_i)^2) * 1e10
  } else {
    ys <- y + wM
    vs <- v + wM^2
  }
  up <- qgamma(0.975, shape = ys^2 / vs, scale = vs / ys)
  crLo <- if (cnt == 0) 0 else qgamma(0.025, cnt) / P * 1e5
  crUp <- qgamma(0.975, cnt + 1) / P * 1e5
  paste0("{\"strata\":{", paste(sprintf("\"%s\":\"%s\"", names(strata), unlist(strata)), collapse = ","), "}",
         ",\"count\":", cnt, ",\"population\":", num(P), ",\"crudeRate\":", num(cnt / P * 1e5),
         ",\"crudeLower\":", num(crLo), ",\"crudeUpper\":", num(crUp), ",\"ageAdjustedRate\":", num(y),
         ",\"ageAdjustedStdErr\":", num(sqrt(v)), ",\"ageAdjustedLower\":", num(lo),
         ",\"ageAdjustedUpper\":", num(up), ",\"ageCounts\":[", paste(c_i, collapse = ","), "]}")
}

runs <- character(0)
configs <- c(lapply(list(character(0), "sex", c("sex", "year"), c("site", "sex"), "site"),
                    function(by) list(by = by, standard = "us2000-million", interval = "fay-feuer")),
             list(list(by = character(0), standard = "us2000", interval = "fay-feuer"),
                  list(by = c("site", "sex"), standard = "us2000", interval = "fay-feuer"),
                  list(by = character(0), standard = "us2000-million", interval = "tiwari"),
                  list(by = c("sex", "year"), standard = "us2000-million", interval = "tiwari"),
                  list(by = c("site", "sex"), standard = "us2000", interval = "tiwari"),
                  list(by = c("site", "sex", "year"), standard = "us2000", interval = "tiwari")))
for (cf in configs) {
  by <- cf$by
  w <- weights[[cf$standard]]
  rows <- character(0)
  if (length(by) > 0) {
    combos <- unique(cases[, by, drop = FALSE])
    combos <- combos[do.call(order, lapply(by, function(b) if (b == "site") as.character(combos[[b]]) else as.numeric(combos[[b]]))), , drop = FALSE]
    for (i in seq_len(nrow(combos))) {
      sel <- rep(TRUE, nrow(cases)); popSel <- rep(TRUE, nrow(pop))
      for (b in by) {
        sel <- sel & cases[[b]] == combos[[b]][i]
        if (b %in% names(pop)) popSel <- popSel & pop[[b]] == combos[[b]][i]
      }
      rows <- c(rows, rowJson(sel, popSel, as.list(setNames(as.character(combos[i, ]), by)), w, cf$interval))
    }
  }
  total <- rowJson(rep(TRUE, nrow(cases)), rep(TRUE, nrow(pop)), list(), w, cf$interval)
  runs <- c(runs, paste0("{\"standard\":", str(cf$standard), ",\"interval\":", str(cf$interval),
                         ",\"by\":[", if (length(by) == 0) "" else paste(str(by), collapse = ","), "],\"rows\":[", paste(rows, collapse = ","),
                         "],\"total\":", total, "}"))
}
writeLines(paste0("{\"r\":", str(paste(R.version$major, R.version$minor, sep = ".")), ",\"runs\":[",
                  paste(runs, collapse = ","), "]}"), file.path(outDir, "golden", "incidence", "incidence.json"))
