# Golden values for observatoire.stats.distributions from R's own pt, pnorm and qnorm.
# Run from the repository root:  Rscript tests/stats/golden_distributions/distributions.R
# Writes tests/stats/golden_distributions/{t_tail.csv, normal.csv, versions.txt} (values with %.17g).
out_dir <- "tests/stats/golden_distributions"
df <- c(0.5, 1, 1.5, 2, 3, 4.5, 7, 12, 30, 87, 250, 1234.5, 1e4, 99987, 4e5, 1e6, 1e7, 1e9)
t <- c(0, 1e-8, 0.01, 0.3, 1, 1.64, 1.96, 2.5, 3.8, 6, 12, 40, 300)
grid <- expand.grid(t = t, df = df)
grid$p <- 2 * pt(-abs(grid$t), grid$df)
write.csv(data.frame(df = sprintf("%.17g", grid$df), t = sprintf("%.17g", grid$t),
                     p = sprintf("%.17g", grid$p)), file.path(out_dir, "t_tail.csv"), row.names = FALSE)
z <- c(-8, -3, -1.96, -0.5, 0, 0.5, 1, 1.96, 3, 6, 8, 12)
level <- c(0.5, 0.8, 0.9, 0.95, 0.99, 0.999)
normal <- data.frame(kind = c(rep("sf", length(z)), rep("quantile", length(level))),
                     x = sprintf("%.17g", c(z, 1 - (1 - level) / 2)),
                     value = sprintf("%.17g", c(pnorm(z, lower.tail = FALSE), qnorm(1 - (1 - level) / 2))))
write.csv(normal, file.path(out_dir, "normal.csv"), row.names = FALSE)
writeLines(R.version.string, file.path(out_dir, "versions.txt"))
