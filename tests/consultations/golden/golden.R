# Golden values for observatoire.consultations (tests/consultations/test_golden_r.py).
#
# Run from this folder:  Rscript golden.R   (reads answers.csv, writes golden.json)
# A small opt-in consultation (80 answers, few aged 18-24) weighted as the observatory does it: base weight
# population / n, raked to the sex and age margins, then weights capped between 0.2 and 5 times the base
# weight (trimWeights, strict); weighted means of three 1-10 ratings with missing answers.
suppressMessages(library(survey))
library(jsonlite)

answers <- read.csv("answers.csv", colClasses = c(sexe = "character", age = "character"))
pop.sexe <- data.frame(sexe = c("f", "h"), Freq = c(5200, 4800))
pop.age <- data.frame(age = c("a18_24", "a25_34", "a35_49", "a50_64", "a65_plus"),
                      Freq = c(1500, 1300, 2400, 2300, 2500))
total <- sum(pop.sexe$Freq)
base <- total / nrow(answers)
answers$w0 <- base

design <- svydesign(ids = ~1, weights = ~w0, data = answers)
raked <- rake(design, list(~sexe, ~age), list(pop.sexe, pop.age),
              control = list(epsilon = 1e-7, maxit = 100))
capped <- trimWeights(raked, lower = 0.2 * base, upper = 5 * base, strict = TRUE)

mean_of <- function(d, v) {
  m <- svymean(as.formula(paste0("~", v)), d, na.rm = TRUE)
  list(estimate = unname(coef(m)), se = as.numeric(SE(m)))
}
w <- weights(capped)
out <- list(
  raked_weights = unname(weights(raked)),
  weights = unname(w),
  effective_n = sum(w)^2 / sum(w^2),
  means = lapply(setNames(nm = c("q1_emploi", "q1_sante", "q1_logement")), function(v) mean_of(capped, v))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "golden.json")
