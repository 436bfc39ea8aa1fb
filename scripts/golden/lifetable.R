# Golden files for the actuarial life table and Ederer II relative survival
# (src/registry/analytics/golden/lifetable/*.json), and the two synthetic inputs they use:
#   src/registry/analytics/data/expected-synthetic.csv  a made-up population life table (age 0-100 x sex 1/2 x
#                                                       years 1990/2000/2010/2020), NOT real population data
#   src/registry/analytics/data/synthetic-cohort.csv    400 seeded cases with age, sex, diagnosis year, stage
# Run where R is installed:  Rscript scripts/golden/lifetable.R ../shared/data/survival src/registry/analytics
# R's survival package has no SEER actuarial table, so this is an independent base-R implementation of the
# SEER*Stat formulas (../shared/reference/survival.md section 6): interval by completed intervals
# floor(months / width), L' = L - W/2, P = 1 - D/L', CP = prod P, SE(CP) = CP sqrt(sum D/(L'(L'-D))),
# Ederer II P* = mean over the cases alive at the interval start of their expected interval survival (each
# month a twelfth of the log annual probability at attained age and calendar year). colon codes sex 0/1, which the
# synthetic table does not, so colon has the life table only.
args <- commandArgs(trailingOnly = TRUE)
dataDir <- if (length(args) >= 1) args[1] else "../shared/data/survival"
outDir <- if (length(args) >= 2) args[2] else "src/registry/analytics"
dir.create(file.path(outDir, "golden", "lifetable"), showWarnings = FALSE, recursive = TRUE)
dir.create(file.path(outDir, "data"), showWarnings = FALSE)

num <- function(x) ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str <- function(x) paste0("\"", x, "\"")
daysPerMonth <- 30.4375

# --- synthetic expected table (Gompertz-Makeham hazard, men 35% higher, 1.5%/year improvement) ---
ages <- 0:100
tab <- expand.grid(age = ages, sex = c(1, 2), year = c(1990, 2000, 2010, 2020))
hz <- (5e-4 + 2.5e-5 * exp(0.095 * tab$age)) * ifelse(tab$sex == 1, 1.35, 1) * 0.985^(tab$year - 1990)
tab$p <- sprintf("%.8f", pmax(exp(-hz), 0.05))
write.csv(tab[, c("age", "sex", "year", "p")], file.path(outDir, "data", "expected-synthetic.csv"),
          row.names = FALSE, quote = FALSE)
etab <- read.csv(file.path(outDir, "data", "expected-synthetic.csv"))
eyears <- sort(unique(etab$year))
emax <- max(etab$age)
ekey <- paste(etab$age, etab$sex, etab$year)
annual <- function(age, sex, year) {
  a <- pmin(floor(age), emax)
  y <- eyears[sapply(year, function(v) which.min(abs(eyears - v)))]
  p <- etab$p[match(paste(a, sex, y), ekey)]
  stopifnot(!anyNA(p))
  p
}

# --- synthetic cohort: survival depends on stage and age; follow-up to a 2024-12-31 cut-off ---
set.seed(20261207)
n <- 400
coh <- data.frame(id = 1:n, age = sample(35:89, n, replace = TRUE), sex = sample(1:2, n, replace = TRUE),
                  year = sample(1995:2020, n, replace = TRUE), stage = sample(c(1, 2, 3, 7), n, replace = TRUE,
                  prob = c(0.4, 0.3, 0.2, 0.1)))
rate <- c(`1` = 0.08, `2` = 0.2, `3` = 0.55, `7` = 1.2)[as.character(coh$stage)] * exp(0.02 * (coh$age - 65))
death <- round(rexp(n, rate) * 365.25)
followup <- as.numeric(as.Date("2024-12-31") - as.Date(paste0(coh$year, "-07-01")))
lost <- ifelse(runif(n) < 0.1, round(runif(n) * followup), followup)
coh$days <- pmin(death, lost)
coh$status <- as.integer(death <= lost)
write.csv(coh, file.path(outDir, "data", "synthetic-cohort.csv"), row.names = FALSE, quote = FALSE)

lifetab <- function(m, ev, w, cov) {
  k <- floor(m / w)
  count <- max(k) + 1
  alive <- length(m); cp <- 1; gw <- 0; cps <- 1
  rows <- character(0)
  for (x in 0:(count - 1)) {
    if (alive == 0) break
    d <- sum(ev == 1 & k == x); wd <- sum(ev == 0 & k == x)
    eff <- alive - wd / 2; p <- 1 - d / eff
    cp <- cp * p; gw <- gw + d / (eff * (eff - d))
    se <- cp * sqrt(gw)
    row <- paste0("{\"interval\":", x + 1, ",\"alive\":", alive, ",\"died\":", d, ",\"withdrawn\":", wd,
                  ",\"effective\":", num(eff), ",\"survival\":", num(p),
                  ",\"survivalStdErr\":", num(sqrt(p * (1 - p) / eff)), ",\"cumulative\":", num(cp),
                  ",\"cumulativeStdErr\":", num(se))
    if (!is.null(cov)) {
      at <- which(k >= x)
      logp <- numeric(length(at))
      for (mo in (x * w):((x + 1) * w - 1)) {
        el <- floor(mo / 12)
        logp <- logp + log(annual(cov$age[at] + el, cov$sex[at], cov$year[at] + el))
      }
      ps <- mean(exp(logp / 12)); cps <- cps * ps
      row <- paste0(row, ",\"expected\":", num(ps), ",\"expectedCumulative\":", num(cps),
                    ",\"relative\":", num(p / ps), ",\"relativeCumulative\":", num(cp / cps),
                    ",\"relativeCumulativeStdErr\":", num(se / cps))
    }
    rows <- c(rows, paste0(row, "}"))
    alive <- alive - d - wd
  }
  paste0("[", paste(rows, collapse = ","), "]")
}

specs <- list(
  list(name = "lung", file = file.path(dataDir, "lung.csv"), time = "time", status = "status", group = "sex",
       age = "age", sex = "sex", diagnosisYear = 2000),
  list(name = "colon", file = file.path(dataDir, "colon.csv"), time = "time", status = "status", group = "rx"),
  list(name = "veteran", file = file.path(dataDir, "veteran.csv"), time = "time", status = "status",
       group = "trt"),
  list(name = "aml", file = file.path(dataDir, "aml.csv"), time = "time", status = "cens", group = "group"),
  list(name = "ovarian", file = file.path(dataDir, "ovarian.csv"), time = "futime", status = "fustat",
       group = "rx"),
  list(name = "synthetic-cohort", file = file.path(outDir, "data", "synthetic-cohort.csv"), time = "days",
       status = "status", group = "stage", age = "age", sex = "sex", year = "year")
)

for (spec in specs) {
  d <- read.csv(spec$file, stringsAsFactors = FALSE)
  used <- c(spec$time, spec$status, spec$group, spec$age, spec$sex, spec$year)
  d <- d[complete.cases(d[, used]), ]
  st <- d[[spec$status]]
  ev <- if (max(st) == 2) st - 1 else st
  m <- d[[spec$time]] / daysPerMonth
  cov <- NULL
  if (!is.null(spec$age))
    cov <- list(age = d[[spec$age]], sex = d[[spec$sex]],
                year = if (is.null(spec$year)) rep(spec$diagnosisYear, nrow(d)) else d[[spec$year]])
  g <- factor(d[[spec$group]])
  runs <- character(0)
  for (w in c(12, 1)) for (single in c(TRUE, FALSE)) {
    labels <- if (single) "all" else levels(g)
    groups <- character(0)
    for (l in labels) {
      sel <- if (single) rep(TRUE, nrow(d)) else g == l
      sub <- if (is.null(cov)) NULL else lapply(cov, function(v) v[sel])
      groups <- c(groups, paste0("{\"group\":", str(l), ",\"n\":", sum(sel), ",\"rows\":",
                                 lifetab(m[sel], ev[sel], w, sub), "}"))
    }
    runs <- c(runs, paste0("{\"intervalMonths\":", w, ",\"single\":", tolower(single), ",\"groups\":[",
                           paste(groups, collapse = ","), "]}"))
  }
  opt <- function(key) if (is.null(spec[[key]])) "null" else if (is.numeric(spec[[key]])) spec[[key]] else str(spec[[key]])
  json <- paste0("{\"dataset\":", str(spec$name), ",\"file\":", str(basename(spec$file)),
                 ",\"time\":", str(spec$time), ",\"status\":", str(spec$status), ",\"group\":", str(spec$group),
                 ",\"age\":", opt("age"), ",\"sex\":", opt("sex"), ",\"year\":", opt("year"),
                 ",\"diagnosisYear\":", opt("diagnosisYear"),
                 ",\"r\":", str(paste(R.version$major, R.version$minor, sep = ".")),
                 ",\"runs\":[", paste(runs, collapse = ","), "]}")
  writeLines(json, file.path(outDir, "golden", "lifetable", paste0(spec$name, ".json")))
}
