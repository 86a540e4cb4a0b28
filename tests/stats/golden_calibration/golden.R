# Golden values for observatoire.stats calibration and significance tests.
#
# Run from this folder:  Rscript golden.R   (writes golden.json and api_extract.csv)
# Values come from R's `survey` package on its own api data (apiclus1, apistrat, apiclus2, apipop).
# Python compares to them at 1e-9 relative (tests/stats/test_calibration_golden.py,
# tests/stats/test_significance_golden.py), reading the CSV extract so that tests never need R.
suppressMessages(library(survey))
library(jsonlite)
data(api)

options(survey.lonely.psu = "fail")

dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
dclus2 <- svydesign(id = ~dnum + snum, weights = ~pw, fpc = ~fpc1 + fpc2, data = apiclus2)

pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
pop.table <- xtabs(~ stype + sch.wide, apipop)
pop.imp <- data.frame(comp.imp = c("No", "Yes"), Freq = c(1712, 4482))
pop.totals <- c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018)

stat <- function(s) list(estimate = unname(coef(s)), se = unname(SE(s)))

summarise <- function(d) list(
  weights = unname(weights(d)),
  mean_api00 = stat(svymean(~api00, d)),
  total_enroll = stat(svytotal(~enroll, d)),
  total_stype = stat(svytotal(~stype, d)),
  mean_avg_ed = stat(svymean(~avg.ed, d, na.rm = TRUE))
)

calibration <- list(
  poststratify_stype = summarise(postStratify(dclus1, ~stype, pop.types)),
  poststratify_joint = summarise(postStratify(dclus1, ~stype + sch.wide, pop.table)),
  rake_stype_schwide = summarise(rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide))),
  rake_joint_and_imp = summarise(rake(dclus1, list(~stype + sch.wide, ~comp.imp), list(pop.table, pop.imp))),
  rake_tight = summarise(rake(dclus1, list(~stype, ~sch.wide, ~comp.imp), list(pop.types, pop.schwide, pop.imp),
                              control = list(epsilon = 1e-9, maxit = 100))),
  linear_stype_api99 = summarise(calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069))),
  linear_bounded = summarise(calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069),
                                       bounds = c(0.6, 1.6))),
  linear_trimmed = summarise(suppressMessages(calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069),
                                                        bounds = c(0.5, 2), trim = c(2 / 3, 3 / 2)))),
  trim_weights = summarise(trimWeights(calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069)),
                                       lower = 30, upper = 36)),
  rake_dstrat = summarise(rake(dstrat, list(~sch.wide, ~comp.imp),
                               list(pop.schwide, pop.imp))),
  raking_calfun = summarise(calibrate(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide),
                                      calfun = "raking")),
  raking_calfun_bounded = summarise(calibrate(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide),
                                              calfun = "raking", bounds = c(0.7, 1.7))),
  logit_bounded = summarise(calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069),
                                      calfun = "logit", bounds = c(0.5, 2.5)))
)

ttest <- function(formula, design) {
  r <- svyttest(formula, design)
  list(estimate = unname(r$estimate), se = unname(r$estimate / r$statistic), t = unname(r$statistic),
       df = unname(r$parameter), p_value = unname(r$p.value))
}
by_stype <- function(lhs, design) {
  out <- list()
  for (s in c("E", "H", "M")) {
    f <- as.formula(sprintf("%s ~ I(stype == \"%s\")", lhs, s))
    out[[s]] <- ttest(f, design)
  }
  out
}

apiclus1$hi_ed <- apiclus1$avg.ed > 3
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
dclus1g3 <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069))
dclus1r <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide))

ttests <- list(
  dstrat_api00 = by_stype("api00", dstrat),
  dclus1_api00 = by_stype("api00", dclus1),
  dclus1_avg_ed_missing = by_stype("avg.ed", dclus1),
  dclus1_topbox_api00_700 = by_stype("I(as.numeric(api00 >= 700))", dclus1),
  dclus2_api00 = by_stype("api00", dclus2),
  dclus1g3_api00 = by_stype("api00", dclus1g3),
  dclus1r_api00 = by_stype("api00", dclus1r),
  dclus1g3_avg_ed_missing = by_stype("avg.ed", dclus1g3),
  dclus1r_avg_ed_missing = by_stype("avg.ed", dclus1r)
)

chisq <- function(formula, design) {
  f <- svychisq(formula, design, statistic = "F")
  c2 <- svychisq(formula, design, statistic = "Chisq")
  list(F = list(statistic = unname(f$statistic), ndf = unname(f$parameter[1]), ddf = unname(f$parameter[2]),
                p_value = unname(f$p.value)),
       Chisq = list(statistic = unname(c2$statistic), df = unname(c2$parameter), p_value = unname(c2$p.value)))
}
chisqs <- list(
  dclus1_schwide_stype = chisq(~sch.wide + stype, dclus1),
  dstrat_schwide_stype = chisq(~sch.wide + stype, dstrat),
  dclus1_stype_hi_ed_missing = chisq(~stype + hi_ed, dclus1),
  dclus1g3_stype_compimp = chisq(~stype + comp.imp, dclus1g3),
  dclus2_stype_awards = chisq(~stype + awards, dclus2)
)

golden <- list(
  R = R.version.string,
  survey = as.character(packageVersion("survey")),
  calibration = calibration,
  ttest = ttests,
  chisq = chisqs
)
writeLines(toJSON(golden, digits = NA, auto_unbox = TRUE, pretty = TRUE), "golden.json")

cols <- c("dnum", "snum", "stype", "pw", "fpc", "api00", "api99", "enroll", "sch.wide", "comp.imp", "avg.ed", "awards")
extract <- rbind(
  cbind(dataset = "apiclus1", apiclus1[, cols], fpc1 = NA, fpc2 = NA),
  cbind(dataset = "apistrat", apistrat[, cols], fpc1 = NA, fpc2 = NA),
  cbind(dataset = "apiclus2", apiclus2[, setdiff(cols, "fpc")], fpc = NA, fpc1 = apiclus2$fpc1, fpc2 = apiclus2$fpc2)
)
for (col in c("pw", "fpc", "fpc1", "avg.ed")) extract[[col]] <- ifelse(is.na(extract[[col]]), NA, sprintf("%.17g", extract[[col]]))
write.csv(extract, "api_extract.csv", row.names = FALSE, na = "")
writeLines(c(R.version.string, paste("survey", packageVersion("survey"))), "versions.txt")
