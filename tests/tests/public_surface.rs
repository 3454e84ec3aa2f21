//! The documented top level of the runtime (and of its `client` module)
//! and of the generated crate, pinned in `tests/golden/public-surface.txt`:
//! an item that generated code needs but users never name must be
//! `#[doc(hidden)]` (or private), so that it cannot appear in the docs
//! unnoticed. Read from the sources with syn, which works on stable
//! (rustdoc's JSON output does not). Re-bless with `UPDATE_GOLDEN=1`.
//!
//! It also checks that every item behind a cargo feature tells docs.rs
//! which (`#[cfg_attr(docsrs, doc(cfg(..)))]`).

use std::path::Path;

use alibabacloud_tests::{assert_golden, repository_root};

#[test]
fn the_documented_surface_is_the_golden_one() {
    let root = repository_root();
    let mut surface = Surface::default();
    surface.section("alibabacloud-runtime (codegen/runtime/src/lib.rs)");
    surface.items("", &parse(&root.join("codegen/runtime/src/lib.rs")), None);
    surface.macros(&root.join("codegen/runtime/src"));
    surface.section("alibabacloud_runtime::client (codegen/runtime/src/client/mod.rs)");
    surface.items(
        "client::",
        &parse(&root.join("codegen/runtime/src/client/mod.rs")),
        None,
    );
    surface.section("alibabacloud-vpc (generated/vpc/src/lib.rs)");
    surface.items(
        "",
        &parse(&root.join("generated/vpc/src/lib.rs")),
        Some("alibabacloud_vpc_shard_"),
    );
    assert!(
        surface.problems.is_empty(),
        "items behind a feature that docs.rs would not label:\n{}",
        surface.problems.join("\n")
    );
    assert_golden(
        &root.join("tests/golden/public-surface.txt"),
        &(surface.lines.join("\n") + "\n"),
    );
}

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The lines of the golden file, and the gated items docs.rs would not
/// label.
#[derive(Default)]
struct Surface {
    lines: Vec<String>,
    problems: Vec<String>,
}

impl Surface {
    fn section(&mut self, title: &str) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.push(format!("# {title}"));
    }

    /// The documented `pub` items of `file`. With `shards`, the re-exports
    /// of the action modules (from crates whose name starts with it) and of
    /// the items inside those modules are counted instead of listed: they
    /// are the crate's API by design, one per action.
    fn items(&mut self, prefix: &str, file: &syn::File, shards: Option<&str>) {
        let action_modules: Vec<String> = shards
            .map(|shards| {
                file.items
                    .iter()
                    .filter_map(|item| match item {
                        syn::Item::Use(item) => Some(use_paths(&item.tree)),
                        _ => None,
                    })
                    .flatten()
                    .filter(|path| path.starts_with(shards))
                    .filter_map(|path| path.rsplit("::").next().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let (mut modules, mut module_items) = (0, 0);
        for item in &file.items {
            let Some((attrs, names)) = public_names(item) else {
                continue;
            };
            if is_doc_hidden(attrs) {
                continue;
            }
            let gate = Gate::of(attrs);
            for name in names {
                if let Some(problem) = gate.problem(&name) {
                    self.problems.push(format!("{prefix}{name}: {problem}"));
                }
                let first = name.trim_start_matches("use ").split("::").next();
                if shards.is_some_and(|shards| name.starts_with(&format!("use {shards}"))) {
                    modules += 1;
                } else if first.is_some_and(|first| action_modules.iter().any(|m| m == first)) {
                    module_items += 1;
                } else {
                    self.lines
                        .push(format!("{prefix}{name}{}", gate.describe()));
                }
            }
        }
        if shards.is_some() {
            self.lines.push(format!(
                "use <shard crate>::<action module> x{modules} (one per action, each under its family's feature)"
            ));
            self.lines.push(format!(
                "use <action module>::<request, response, error> x{module_items}"
            ));
        }
    }

    /// The `#[macro_export]` macros of every file under `dir`, which land
    /// at the crate root wherever they are written, unless hidden.
    fn macros(&mut self, dir: &Path) {
        let mut files = Vec::new();
        rust_files(dir, &mut files);
        files.sort();
        for path in files {
            for item in parse(&path).items {
                if let syn::Item::Macro(item) = item {
                    let exported = item.attrs.iter().any(|a| a.path().is_ident("macro_export"));
                    if exported && !is_doc_hidden(&item.attrs) {
                        let name = item.ident.map(|i| i.to_string()).unwrap_or_default();
                        self.lines.push(format!("macro {name}!"));
                    }
                }
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The attributes and the `kind name` of each name a `pub` item makes
/// public (a `use` may make several).
fn public_names(item: &syn::Item) -> Option<(&[syn::Attribute], Vec<String>)> {
    use syn::Item;
    let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
    let one =
        |attrs, kind: &str, ident: &syn::Ident| Some((attrs, vec![format!("{kind} {ident}")]));
    match item {
        Item::Mod(i) if public(&i.vis) => one(&i.attrs[..], "mod", &i.ident),
        Item::Struct(i) if public(&i.vis) => one(&i.attrs[..], "struct", &i.ident),
        Item::Enum(i) if public(&i.vis) => one(&i.attrs[..], "enum", &i.ident),
        Item::Trait(i) if public(&i.vis) => one(&i.attrs[..], "trait", &i.ident),
        Item::Fn(i) if public(&i.vis) => one(&i.attrs[..], "fn", &i.sig.ident),
        Item::Const(i) if public(&i.vis) => one(&i.attrs[..], "const", &i.ident),
        Item::Static(i) if public(&i.vis) => one(&i.attrs[..], "static", &i.ident),
        Item::Type(i) if public(&i.vis) => one(&i.attrs[..], "type", &i.ident),
        Item::Use(i) if public(&i.vis) => Some((
            &i.attrs[..],
            use_paths(&i.tree)
                .into_iter()
                .map(|path| format!("use {path}"))
                .collect(),
        )),
        _ => None,
    }
}

/// `a::{b, c as d}` → `a::b`, `a::c as d`.
fn use_paths(tree: &syn::UseTree) -> Vec<String> {
    match tree {
        syn::UseTree::Path(path) => use_paths(&path.tree)
            .into_iter()
            .map(|rest| format!("{}::{rest}", path.ident))
            .collect(),
        syn::UseTree::Name(name) => vec![name.ident.to_string()],
        syn::UseTree::Rename(rename) => vec![format!("{} as {}", rename.ident, rename.rename)],
        syn::UseTree::Glob(_) => vec!["*".to_string()],
        syn::UseTree::Group(group) => group.items.iter().flat_map(use_paths).collect(),
    }
}

fn is_doc_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("doc")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string() == "hidden")
    })
}

/// An item's `cfg` and the `cfg` docs.rs shows for it.
struct Gate {
    cfg: Option<String>,
    doc_cfg: Option<String>,
}

impl Gate {
    fn of(attrs: &[syn::Attribute]) -> Self {
        let mut gate = Gate {
            cfg: None,
            doc_cfg: None,
        };
        for attr in attrs {
            let Ok(list) = attr.meta.require_list() else {
                continue;
            };
            let tokens = list.tokens.to_string();
            if attr.path().is_ident("cfg") {
                gate.cfg = Some(tokens);
            } else if attr.path().is_ident("cfg_attr") {
                if let Some(shown) = tokens
                    .strip_prefix("docsrs , doc (cfg (")
                    .and_then(|rest| rest.strip_suffix("))"))
                {
                    gate.doc_cfg = Some(shown.trim().to_string());
                }
            }
        }
        gate
    }

    /// Why docs.rs would not tell which feature the item needs.
    fn problem(&self, name: &str) -> Option<String> {
        match (&self.cfg, &self.doc_cfg) {
            (Some(cfg), None) if cfg.contains("feature") => Some(format!(
                "{name} is behind cfg({cfg}) but has no #[cfg_attr(docsrs, doc(cfg(..)))]"
            )),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match &self.doc_cfg {
            Some(shown) => format!("  [docs.rs: {}]", compact(shown)),
            None => String::new(),
        }
    }
}

/// `feature = "client"` as it reads in source, from syn's spaced tokens.
fn compact(tokens: &str) -> String {
    tokens
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

#[test]
fn hidden_items_are_not_listed() {
    let file: syn::File = syn::parse_quote! {
        pub use a::{Shown, Other as Renamed};
        #[doc(hidden)]
        pub use a::Hidden;
        #[cfg(feature = "x")]
        pub mod unlabelled;
        #[cfg(feature = "x")]
        #[cfg_attr(docsrs, doc(cfg(feature = "x")))]
        pub mod labelled;
        mod private;
    };
    let mut surface = Surface::default();
    surface.items("", &file, None);
    assert_eq!(
        surface.lines,
        [
            "use a::Shown",
            "use a::Other as Renamed",
            "mod unlabelled",
            "mod labelled  [docs.rs: feature = \"x\"]",
        ]
    );
    assert_eq!(surface.problems.len(), 1, "{:?}", surface.problems);
    assert!(surface.problems[0].contains("unlabelled"));
}
