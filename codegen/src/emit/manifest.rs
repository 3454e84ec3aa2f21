//! The crate's non-Rust files, rendered with minijinja from templates kept
//! beside the generator.

use minijinja::{Environment, context};

use super::docs;
use crate::ir::CrateIr;

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README_MD: &str = include_str!("../../templates/README.md.j2");

/// `Cargo.toml` and `README.md` of the crate.
pub(crate) fn render(
    krate: &CrateIr,
    example: &str,
) -> Result<[(&'static str, String); 2], minijinja::Error> {
    let mut environment = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .build()?;
    environment.set_syntax(syntax);
    environment.add_template("Cargo.toml", CARGO_TOML)?;
    environment.add_template("README.md", README_MD)?;
    let actions: Vec<_> = krate
        .actions
        .iter()
        .map(|action| {
            let summary = action.summary.as_deref().map(|summary| docs::text_lines(summary).join(" ")).unwrap_or_default();
            context! { name => &action.name, module => &action.module, summary => summary, spec => &action.spec_file, family => &action.family }
        })
        .collect();
    let families: Vec<String> = krate.families().into_iter().map(str::to_string).collect();
    let values = context! {
        package => &krate.package,
        lib_name => &krate.lib_name,
        description => &krate.description,
        title => &krate.title,
        product => &krate.product,
        version => &krate.version,
        spec_dir => &krate.spec_dir,
        runtime_path => &krate.runtime_path,
        runtime_version => &krate.runtime_version,
        actions => actions,
        families => families,
        example => example,
    };
    Ok([
        (
            "Cargo.toml",
            environment.get_template("Cargo.toml")?.render(&values)?,
        ),
        (
            "README.md",
            environment.get_template("README.md")?.render(&values)?,
        ),
    ])
}
