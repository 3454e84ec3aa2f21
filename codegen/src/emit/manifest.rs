//! The crates' non-Rust files, rendered with minijinja from templates kept
//! beside the generator.

use minijinja::{Environment, context};

use super::docs;
use crate::ir::{CrateIr, FamilyCrate};

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README_MD: &str = include_str!("../../templates/README.md.j2");
const FAMILY_CARGO_TOML: &str = include_str!("../../templates/family-Cargo.toml.j2");

/// `Cargo.toml` and `README.md` of the product's crate, and the
/// `Cargo.toml` of each family crate, by path in the product crate's
/// directory.
pub(crate) fn render(
    krate: &CrateIr,
    family_crates: &[FamilyCrate<'_>],
    example: &str,
) -> Result<Vec<(String, String)>, minijinja::Error> {
    let mut environment = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .build()?;
    environment.set_syntax(syntax);
    environment.add_template("Cargo.toml", CARGO_TOML)?;
    environment.add_template("README.md", README_MD)?;
    environment.add_template("family/Cargo.toml", FAMILY_CARGO_TOML)?;
    let actions: Vec<_> = krate
        .actions
        .iter()
        .map(|action| {
            let summary = action.summary.as_deref().map(|summary| docs::text_lines(summary).join(" ")).unwrap_or_default();
            context! { name => &action.name, module => &action.module, summary => summary, spec => &action.spec_file, family => &action.family }
        })
        .collect();
    let families: Vec<_> = family_crates
        .iter()
        .map(|family| context! { name => family.family, package => &family.package, dir => &family.dir })
        .collect();
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
    let mut files = vec![
        (
            "Cargo.toml".to_string(),
            environment.get_template("Cargo.toml")?.render(&values)?,
        ),
        (
            "README.md".to_string(),
            environment.get_template("README.md")?.render(&values)?,
        ),
    ];
    let family_manifest = environment.get_template("family/Cargo.toml")?;
    for family in family_crates {
        let values = context! {
            package => &family.package,
            family => family.family,
            product_package => &krate.package,
            title => &krate.title,
            product => &krate.product,
            version => &krate.version,
            spec_dir => &krate.spec_dir,
            runtime_path => &krate.family_runtime_path,
            runtime_version => &krate.runtime_version,
        };
        files.push((
            format!("{}/Cargo.toml", family.dir),
            family_manifest.render(&values)?,
        ));
    }
    Ok(files)
}
