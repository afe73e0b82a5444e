namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>
/// The normal, Student t and chi-square distributions the tests need, written out because no maths package is in
/// the offline mirror: the normal CDF from erfc (Numerical Recipes' Chebyshev fit, relative error under 1.2e-7),
/// its inverse by Acklam's rational approximation polished with one Halley step, the t and chi-square tails from the
/// regularized incomplete beta and gamma functions (continued fractions, Numerical Recipes §6.2 and §6.4).
/// </summary>
public static class Distributions
{
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>P(|Z| ≥ |z|).</summary>
    public static double NormalTwoSided(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    public static double NormalQuantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double x;
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (p > 1 - 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        var e = NormalCdf(x) - p;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom (df may be fractional, as Welch's is).</summary>
    public static double StudentTTwoSided(double t, double df) => RegularizedBeta(df / (df + t * t), df / 2, 0.5);

    /// <summary>P(X ≥ x) for chi-square with <paramref name="df"/> degrees of freedom.</summary>
    public static double ChiSquareUpper(double x, double df) => x <= 0 ? 1 : 1 - RegularizedGammaP(df / 2, x / 2);

    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>ln Γ(x), Lanczos approximation (g = 7, 9 terms).</summary>
    public static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }
        x -= 1;
        var a = g[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>I_x(a, b), the regularized incomplete beta function.</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }
        if (x >= 1)
        {
            return 1;
        }
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        // The continued fraction converges fast only on this side; the other side follows by symmetry.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - front * BetaFraction(1 - x, b, a) / b;
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        var c = 1.0;
        var d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-14)
            {
                break;
            }
        }
        return h;
    }

    /// <summary>P(a, x), the regularized lower incomplete gamma function: series below a + 1, continued fraction above.</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        if (x <= 0)
        {
            return 0;
        }
        var logFront = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-15; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return sum * Math.Exp(logFront);
        }
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = b + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }
        return 1 - Math.Exp(logFront) * h;
    }
}
