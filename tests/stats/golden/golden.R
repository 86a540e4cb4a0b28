# Golden values for observatoire.stats (estimation core) from R's survey package.
# Run from the repository root:  Rscript tests/stats/golden/golden.R
# Writes tests/stats/golden/{golden.json, versions.txt, api_*.csv}. Values are printed with %.17g.
suppressMessages(library(survey))
data(api)
out_dir <- "tests/stats/golden"
cols <- c("stype", "dnum", "snum", "pw", "fpc", "fpc1", "fpc2", "api00", "api99", "enroll", "meals")
for (name in c("apistrat", "apiclus1", "apiclus2", "apisrs")) {
  d <- get(name)
  write.csv(d[, intersect(cols, names(d))], file.path(out_dir, paste0(name, ".csv")), row.names = FALSE)
}

vals <- list()
put <- function(key, x) vals[[key]] <<- sprintf("%.17g", as.numeric(x))
se <- function(s) sqrt(diag(as.matrix(vcov(s))))

designs <- list(
  strat = svydesign(id = ~1, strata = ~stype, fpc = ~fpc, weights = ~pw, data = apistrat),
  strat_nofpc = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat),
  clus1 = svydesign(id = ~dnum, fpc = ~fpc, weights = ~pw, data = apiclus1),
  clus1_nofpc = svydesign(id = ~dnum, weights = ~pw, data = apiclus1),
  clus2 = svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, weights = ~pw, data = apiclus2),
  clus2_nofpc = svydesign(id = ~dnum + snum, weights = ~pw, data = apiclus2),
  srs = svydesign(id = ~1, fpc = ~fpc, weights = ~pw, data = apisrs)
)
for (dn in names(designs)) {
  d <- designs[[dn]]
  for (v in c("api00", "enroll")) {
    f <- as.formula(paste0("~", v))
    m <- svymean(f, d, na.rm = TRUE, deff = TRUE)
    put(paste(dn, v, "mean", sep = "."), coef(m))
    put(paste(dn, v, "mean_se", sep = "."), se(m))
    put(paste(dn, v, "mean_deff", sep = "."), deff(m))
    tt <- svytotal(f, d, na.rm = TRUE, deff = TRUE)
    put(paste(dn, v, "total", sep = "."), coef(tt))
    put(paste(dn, v, "total_se", sep = "."), se(tt))
    put(paste(dn, v, "total_deff", sep = "."), deff(tt))
    b <- svyby(f, ~stype, d, svymean, na.rm = TRUE, deff = TRUE)
    put(paste(dn, v, "by_stype_mean", sep = "."), coef(b))
    put(paste(dn, v, "by_stype_se", sep = "."), SE(b))
    put(paste(dn, v, "by_stype_deff", sep = "."), deff(b))
  }
  r <- svyratio(~api00, ~api99, d)
  put(paste(dn, "ratio_api00_api99", sep = "."), coef(r))
  put(paste(dn, "ratio_api00_api99_se", sep = "."), SE(r))
  p <- svymean(~stype, d, deff = TRUE)
  put(paste(dn, "stype_dist", sep = "."), coef(p))
  put(paste(dn, "stype_dist_se", sep = "."), se(p))
  put(paste(dn, "stype_dist_deff", sep = "."), deff(p))
  tb <- svyby(~I(as.numeric(api00 >= 700)), ~stype, d, svymean, deff = TRUE)
  put(paste(dn, "topbox700_by_stype", sep = "."), coef(tb))
  put(paste(dn, "topbox700_by_stype_se", sep = "."), SE(tb))
  q <- svyquantile(~api00, d, 0.5)
  put(paste(dn, "median_api00", sep = "."), q$api00[1, ])  # quantile, ci low, ci high, se
  put(paste(dn, "degf", sep = "."), degf(d))
  m90 <- svymean(~api00, d)
  put(paste(dn, "api00_ci90_t", sep = "."), confint(m90, level = 0.9, df = degf(d)))
}

# Lonely PSU: apistrat with one school moved to its own stratum "X"; apiclus1 with district 1's
# cluster (first row's dnum) as its own stratum.
lonely <- apistrat
lonely$st <- as.character(lonely$stype)
lonely$st[1] <- "X"
lc <- apiclus1
lc$st <- ifelse(lc$dnum == lc$dnum[1], "A", "B")
for (policy in c("fail", "adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = policy)
  for (case in c("strat", "clus")) {
    d <- if (case == "strat") svydesign(id = ~1, strata = ~st, weights = ~pw, data = lonely)
         else svydesign(id = ~dnum, strata = ~st, weights = ~pw, data = lc)
    key <- paste("lonely", case, policy, sep = ".")
    res <- tryCatch({
      m <- svymean(~api00, d)
      b <- svyby(~api00, ~stype, d, svymean)
      c(coef(m), se(m), SE(b))
    }, error = function(e) "error")
    if (identical(res, "error")) vals[[key]] <- "error" else put(key, res)
  }
}
options(survey.lonely.psu = "fail")

library(jsonlite)
writeLines(toJSON(vals, auto_unbox = FALSE, pretty = TRUE), file.path(out_dir, "golden.json"))
writeLines(c(R.version.string, paste("survey", as.character(packageVersion("survey")))),
           file.path(out_dir, "versions.txt"))
