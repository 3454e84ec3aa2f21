//! The crates' non-Rust files, rendered with minijinja from templates kept
//! beside the generator.

use minijinja::{Environment, context};

use super::docs;
use crate::ir::{ActionIr, CrateIr, ShardCrate};

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README_MD: &str = include_str!("../../templates/README.md.j2");
const SHARD_CARGO_TOML: &str = include_str!("../../templates/shard-Cargo.toml.j2");
const TYPES_CARGO_TOML: &str = include_str!("../../templates/types-Cargo.toml.j2");
const ERROR_CODES_CARGO_TOML: &str = include_str!("../../templates/error-codes-Cargo.toml.j2");

/// `Cargo.toml` and `README.md` of the product's crate, and the
/// `Cargo.toml` of its types, error codes and shard crates, by path in the
/// product crate's directory. `mock_action` is the action the README's
/// mock example names.
pub(crate) fn render(
    krate: &CrateIr,
    shard_crates: &[ShardCrate<'_>],
    example: &str,
    mock_action: Option<&ActionIr>,
) -> Result<Vec<(String, String)>, minijinja::Error> {
    let mut environment = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .trim_blocks(true)
        .build()?;
    environment.set_syntax(syntax);
    environment.add_template("Cargo.toml", CARGO_TOML)?;
    environment.add_template("README.md", README_MD)?;
    environment.add_template("shard/Cargo.toml", SHARD_CARGO_TOML)?;
    environment.add_template("types/Cargo.toml", TYPES_CARGO_TOML)?;
    environment.add_template("error-codes/Cargo.toml", ERROR_CODES_CARGO_TOML)?;
    let actions: Vec<_> = krate
        .actions
        .iter()
        .map(|action| {
            let summary = docs::action_summary_lines(action).join(" ");
            context! { name => &action.name, module => &action.module, summary => summary, spec => &action.spec_file, family => &action.family }
        })
        .collect();
    let shards: Vec<_> = shard_crates
        .iter()
        .map(|shard| {
            let families: Vec<String> = shard
                .families
                .iter()
                .map(|family| family.to_string())
                .collect();
            context! { package => &shard.package, dir => &shard.dir, families => families }
        })
        .collect();
    let families: Vec<_> = krate
        .families()
        .into_iter()
        .map(|family| {
            let package = shard_crates
                .iter()
                .find(|shard| shard.families.contains(&family))
                .map(|shard| shard.package.as_str());
            let actions: Vec<String> = krate
                .actions
                .iter()
                .filter(|action| action.family == family)
                .map(|action| action.name.clone())
                .collect();
            context! { name => family.to_string(), package => package.map(str::to_string), actions => actions }
        })
        .collect();
    let mock_action = mock_action
        .map(|action| {
        context! { module => &action.module, request => &action.request.name, response => &action.response.name }
    });
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
        shards => shards,
        types_package => &krate.types_package,
        types_dir => crate::ir::TYPES_DIR,
        error_codes_package => &krate.error_codes_package,
        error_codes_dir => crate::ir::ERROR_CODES_DIR,
        example => example,
        mock_action => mock_action,
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
    let shard_manifest = environment.get_template("shard/Cargo.toml")?;
    for shard in shard_crates {
        let values = context! {
            package => &shard.package,
            families => shard.families.iter().map(|family| family.to_string()).collect::<Vec<_>>(),
            uses_json => shard.actions.iter().any(|action| action.uses_json()),
            product_package => &krate.package,
            title => &krate.title,
            product => &krate.product,
            version => &krate.version,
            spec_dir => &krate.spec_dir,
            runtime_path => &krate.shard_runtime_path,
            runtime_version => &krate.runtime_version,
            types_package => &krate.types_package,
            types_dir => crate::ir::TYPES_DIR,
            error_codes_package => &krate.error_codes_package,
            error_codes_dir => crate::ir::ERROR_CODES_DIR,
        };
        files.push((
            format!("{}/Cargo.toml", shard.dir),
            shard_manifest.render(&values)?,
        ));
    }
    // The two crates beside the shards, each registered as `<dir>/Cargo.toml`.
    let members = [
        (
            crate::ir::TYPES_DIR,
            &krate.types_package,
            &krate.types_runtime_path,
            krate.types.uses_json(),
        ),
        (
            crate::ir::ERROR_CODES_DIR,
            &krate.error_codes_package,
            &krate.error_codes_runtime_path,
            false,
        ),
    ];
    for (dir, package, runtime_path, uses_json) in members {
        let values = context! {
            package => package,
            uses_json => uses_json,
            product_package => &krate.package,
            title => &krate.title,
            product => &krate.product,
            version => &krate.version,
            spec_dir => &krate.spec_dir,
            runtime_path => runtime_path,
            runtime_version => &krate.runtime_version,
        };
        let manifest = format!("{dir}/Cargo.toml");
        let text = environment.get_template(&manifest)?.render(&values)?;
        files.push((manifest, text));
    }
    Ok(files)
}
