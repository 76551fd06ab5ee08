/**
 * The standard normal's upper tail, P(Z > z). erfc is the Chebyshev fit of Numerical Recipes
 * (Press et al., 2nd ed., section 6.2, "erfcc"), whose relative error is below 1.2e-7 for every
 * argument, so tails down to 1e-12 keep six good digits.
 */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}

/**
 * The standard normal quantile, the z with P(Z < z) = p, by bisection on normalUpperTail (exact
 * to its accuracy; only the calibration calls it, a handful of times).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (1 - normalUpperTail(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * An upper confidence bound on a standard deviation estimated from n samples: sd times
 * sqrt((n - 1) / q), q the lower (1 - level) quantile of chi-square with n - 1 degrees of freedom
 * (Wilson-Hilferty's normal approximation of it, good to a few per mille from n = 10).
 */
export function sdUpperBound(sd: number, n: number, level = 0.95): number {
  const k = n - 1;
  if (k < 2) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(level);
  const q = k * (1 - 2 / (9 * k) - z * Math.sqrt(2 / (9 * k))) ** 3;
  return sd * Math.sqrt(k / q);
}

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialUpperTail(n: number, p: number, k: number): number {
  let total = 0;
  for (let i = Math.max(0, k); i <= n; i++) total += binomial(n, i) * p ** i * (1 - p) ** (n - i);
  return Math.min(1, total);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}
