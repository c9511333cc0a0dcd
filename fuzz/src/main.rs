//! `kosmo-fuzz TARGET`: one AFL persistent-mode loop over the named target of
//! `kosmo_lint_fuzz` (`extract`, `route_folder`, …).

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = kosmo_lint_fuzz::Target::from_name(&name) else {
        eprintln!(
            "usage: kosmo-fuzz TARGET; targets: {:?}",
            kosmo_lint_fuzz::Target::ALL.map(kosmo_lint_fuzz::Target::name)
        );
        std::process::exit(2);
    };
    target.prepare();
    afl::fuzz!(|data: &[u8]| target.run(data));
}
