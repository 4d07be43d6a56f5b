//! BG/NBD recovers the parameters of data simulated from it in continuous time.

use hearth_analytics::bgnbd::{fit, BgNbdParams};
use hearth_analytics::Silent;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn fit_recovers_simulated_parameters(
        seed in any::<u64>(),
        r in 0.3f64..1.5,
        alpha in 2.0f64..10.0,
        a in 0.5f64..1.5,
        b in 2.0f64..6.0,
    ) {
        let truth = BgNbdParams { r, alpha, a, b };
        let customers = truth.simulate(30_000, 52.0, seed).unwrap();
        let fitted = fit(&customers, &mut Silent).unwrap();
        // The purchase-rate mean r/alpha and dropout mean a/(a+b) are well identified at this size;
        // the individual shapes less so.
        let relative = |estimate: f64, true_value: f64| (estimate - true_value).abs() / true_value;
        let p = fitted.params;
        prop_assert!(relative(p.r / p.alpha, r / alpha) < 0.08, "rate mean: {:?} vs {:?}", p, truth);
        prop_assert!(relative(p.a / (p.a + p.b), a / (a + b)) < 0.15, "dropout mean: {:?} vs {:?}", p, truth);
        prop_assert!(relative(p.r, r) < 0.25, "r: {:?} vs {:?}", p, truth);
        // The fit is at least as likely as the truth: it is the maximum.
        prop_assert!(fitted.log_likelihood >= truth.log_likelihood(&customers) - 1e-6);
    }
}
