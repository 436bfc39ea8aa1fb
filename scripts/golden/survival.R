# Produces the golden files for registry analytics (src/registry/analytics/golden/*.json) from R's
# survival package. Run once where R is installed (Debian r-cran-survival):
#   Rscript scripts/golden/survival.R ../shared/data/survival src/registry/analytics/golden
# The test suite reads the JSON and never needs R.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
dataDir <- if (length(args) >= 1) args[1] else "../shared/data/survival"
outDir <- if (length(args) >= 2) args[2] else "src/registry/analytics/golden"

num <- function(x) ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str <- function(x) paste0("\"", x, "\"")

# Each dataset with its natural time/status columns and one grouping column. `derive` builds the
# status where the file's code is not Surv()-readable (pbc: 0 censored, 1 transplant, 2 dead).
specs <- list(
  list(name = "aml", file = "aml.csv", time = "time", status = "cens", group = "group"),
  list(name = "lung", file = "lung.csv", time = "time", status = "status", group = "sex"),
  list(name = "lung-ecog", file = "lung.csv", time = "time", status = "status", group = "ph.ecog"),
  list(name = "cancer", file = "cancer.csv", time = "time", status = "status", group = "inst"),
  list(name = "veteran", file = "veteran.csv", time = "time", status = "status", group = "celltype"),
  list(name = "veteran-trt", file = "veteran.csv", time = "time", status = "status", group = "trt"),
  list(name = "ovarian", file = "ovarian.csv", time = "futime", status = "fustat", group = "rx"),
  list(name = "colon", file = "colon.csv", time = "time", status = "status", group = "rx"),
  list(name = "gbsg", file = "gbsg.csv", time = "rfstime", status = "status", group = "grade"),
  list(name = "kidney", file = "kidney.csv", time = "time", status = "status", group = "disease"),
  list(name = "pbc", file = "pbc.csv", time = "time", status = "dead", group = "trt",
       derive = function(d) { d$dead <- as.integer(d$status == 2); d }),
  list(name = "pbc-stage", file = "pbc.csv", time = "time", status = "dead", group = "stage",
       derive = function(d) { d$dead <- as.integer(d$status == 2); d })
)

one <- function(spec, confType, single) {
  d <- read.csv(file.path(dataDir, spec$file), stringsAsFactors = FALSE)
  if (!is.null(spec$derive)) d <- spec$derive(d)
  d <- d[!is.na(d[[spec$time]]) & !is.na(d[[spec$status]]) & (single | !is.na(d[[spec$group]])), ]
  y <- Surv(d[[spec$time]], d[[spec$status]])
  fit <- if (single) survfit(y ~ 1, conf.type = confType) else
    survfit(y ~ factor(d[[spec$group]]), conf.type = confType)
  s <- summary(fit, censored = TRUE)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list("all", names(tab)))
  labels <- if (single) "all" else levels(factor(d[[spec$group]]))
  strata <- if (single) rep(1L, length(s$time)) else as.integer(s$strata)
  groups <- character(0)
  for (g in seq_along(labels)) {
    k <- strata == g
    groups <- c(groups, paste0(
      "{\"group\":", str(labels[g]), ",\"n\":", num(tab[g, "n.start"]), ",\"events\":", num(tab[g, "events"]),
      ",\"median\":", num(tab[g, "median"]), ",\"medianLower\":", num(tab[g, grep("LCL", colnames(tab))]),
      ",\"medianUpper\":", num(tab[g, grep("UCL", colnames(tab))]),
      ",\"time\":", arr(s$time[k]), ",\"atRisk\":", arr(s$n.risk[k]), ",\"events_\":", arr(s$n.event[k]),
      ",\"censored\":", arr(s$n.censor[k]), ",\"survival\":", arr(s$surv[k]), ",\"stdErr\":", arr(s$std.err[k]),
      ",\"lower\":", arr(s$lower[k]), ",\"upper\":", arr(s$upper[k]), "}"))
  }
  logRank <- "null"
  if (!single) {
    sd <- survdiff(y ~ factor(d[[spec$group]]))
    df <- sum(sd$exp > 0) - 1
    logRank <- paste0("{\"chiSquare\":", num(sd$chisq), ",\"df\":", num(df),
                      ",\"p\":", num(pchisq(sd$chisq, df, lower.tail = FALSE)),
                      ",\"observed\":", arr(sd$obs), ",\"expected\":", arr(sd$exp), "}")
  }
  paste0("{\"confType\":", str(confType), ",\"single\":", tolower(single), ",\"groups\":[",
         paste(groups, collapse = ","), "],\"logRank\":", logRank, "}")
}

for (spec in specs) {
  runs <- character(0)
  for (ct in c("log", "log-log", "plain")) for (single in c(TRUE, FALSE)) runs <- c(runs, one(spec, ct, single))
  json <- paste0("{\"dataset\":", str(spec$name), ",\"file\":", str(spec$file), ",\"time\":", str(spec$time),
                 ",\"status\":", str(spec$status), ",\"group\":", str(spec$group),
                 ",\"r\":", str(paste(R.version$major, R.version$minor, sep = ".")),
                 ",\"survival\":", str(as.character(packageVersion("survival"))),
                 ",\"runs\":[", paste(runs, collapse = ","), "]}")
  writeLines(json, file.path(outDir, paste0(spec$name, ".json")))
}
