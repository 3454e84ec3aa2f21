//! The command line of `cargo xtask`: what each command takes, its help
//! text, and the parse of `std::env::args` into a [`Command`].
//!
//! The parsing is lexopt's (no dependencies, no proc macro: the xtask
//! stays light); the usage texts are written here, one per command, so
//! `cargo xtask COMMAND --help` prints exactly what that command takes.

use std::ffi::OsString;

use lexopt::prelude::*;

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// Print this text on stdout and exit 0 (`--help`, `help [COMMAND]`).
    Help(String),
    Generate {
        check: bool,
    },
    Import {
        product: String,
        folder: String,
    },
    SynthSpecs {
        product: Option<String>,
        n: String,
        out_dir: String,
    },
    CompileCost {
        product: Option<String>,
        n: Option<String>,
        runs: Option<String>,
        incremental: bool,
    },
    BlessGolden,
}

/// A command line that cannot be run: what is wrong, and the usage to
/// show with it (on stderr, exit status 2).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Misuse {
    pub(crate) message: String,
    pub(crate) usage: String,
}

/// One command: its name, its synopsis (after `cargo xtask `) and what it does.
pub(crate) struct Help {
    pub(crate) name: &'static str,
    synopsis: &'static str,
    about: &'static str,
}

pub(crate) const GENERATE: Help = Help {
    name: "generate",
    synopsis: "generate [--check]",
    about: "read api-specs/ and write generated/ (all or nothing)
  --check  write nothing; fail if generated/ differs from a fresh generation",
};

pub(crate) const IMPORT: Help = Help {
    name: "import",
    synopsis: "import PRODUCT FOLDER",
    about: "merge the sources in FOLDER into api-specs/PRODUCT/: the official SDK
packages (the .tgz of `npm pack`, the .whl of `pip download`, or their
unpacked folders) and Alibaba's API metadata (api-docs.json), either alone
or together; adds what is missing, never changes what is there, prints
what it added, changed and left alone (api-specs/README.md, \"Importing\").
A new PRODUCT (the directory name, such as `ecs`) gets its product.json
from the sources' facts: code, version, style, endpoints, reference links",
};

pub(crate) const SYNTH_SPECS: Help = Help {
    name: "synth-specs",
    synopsis: "synth-specs [PRODUCT] N OUT_DIR",
    about: "write N actions copied from api-specs/PRODUCT under new names
into OUT_DIR/PRODUCT-synth-N/ (a specs directory for benchmarks);
PRODUCT may be left out when api-specs/ holds one product",
};

pub(crate) const COMPILE_COST: Help = Help {
    name: "compile-cost",
    synopsis: "compile-cost [PRODUCT] [N] [--runs R] [--incremental]",
    about: "time a debug build of PRODUCT's generated crate (its committed
specs, or N synthetic actions copied from them) with its dependencies
already built, in a temp dir; prints wall time, time per action, peak
memory. PRODUCT (such as `vpc`) may be left out when api-specs/ holds
one product
  --runs R       build R times and report the median (default 1)
  --incremental  time the first incremental build instead
                 (CARGO_INCREMENTAL=1, the generated crates' incremental
                 state removed before each run)",
};

pub(crate) const BLESS_GOLDEN: Help = Help {
    name: "bless-golden",
    synopsis: "bless-golden",
    about: "write the golden crates (tests/golden/shapes/, tests/golden/odd/) from
the fixture specs in tests/fixtures/, without compiling anything: for a
change after which the old golden crates no longer compile, so that
`UPDATE_GOLDEN=1 cargo test` cannot build the tests to re-bless them.
Review the diff; the golden test checks the result",
};

pub(crate) const HELP: Help = Help {
    name: "help",
    synopsis: "help [COMMAND]",
    about: "print the usage of every command, or of COMMAND
(`cargo xtask COMMAND --help` does the same)",
};

/// Every command, in the order the overview lists them.
pub(crate) const COMMANDS: [&Help; 6] = [
    &GENERATE,
    &IMPORT,
    &SYNTH_SPECS,
    &COMPILE_COST,
    &BLESS_GOLDEN,
    &HELP,
];

impl Help {
    /// The help of this one command.
    pub(crate) fn text(&self) -> String {
        format!("usage: cargo xtask {}\n\n{}", self.synopsis, self.about)
    }
}

/// The help of `cargo xtask --help`: every command's synopsis and what it does.
pub(crate) fn overview() -> String {
    let mut text = String::from("usage: cargo xtask COMMAND [ARGS]\n");
    for help in COMMANDS {
        text.push_str(&format!("\n  cargo xtask {}\n", help.synopsis));
        for line in help.about.lines() {
            text.push_str(&format!("      {line}\n"));
        }
    }
    text.push_str("\n`cargo xtask COMMAND --help` prints the usage of one command.");
    text
}

/// Parses the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, Misuse> {
    let mut parser = lexopt::Parser::from_args(args);
    let misuse = |message: String| Misuse {
        message,
        usage: overview(),
    };
    let name = match parser.next() {
        Ok(Some(Value(name))) => name.string().map_err(|e| misuse(e.to_string()))?,
        Ok(Some(Short('h') | Long("help"))) => return Ok(Command::Help(overview())),
        Ok(Some(other)) => return Err(misuse(other.unexpected().to_string())),
        Ok(None) => return Err(misuse("no command given".to_owned())),
        Err(error) => return Err(misuse(error.to_string())),
    };
    let help = COMMANDS
        .into_iter()
        .find(|help| help.name == name)
        .ok_or_else(|| misuse(format!("unknown command `{name}`")))?;
    command(help, &mut parser).map_err(|message| Misuse {
        message,
        usage: help.text(),
    })
}

/// The arguments of one command. `--help` anywhere among them asks for
/// its help; a missing or unexpected argument is an error.
fn command(help: &Help, parser: &mut lexopt::Parser) -> Result<Command, String> {
    let mut values: Vec<String> = Vec::new();
    let mut check = false;
    let mut runs = None;
    let mut incremental = false;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help.text())),
            Long("check") if help.name == GENERATE.name => check = true,
            Long("runs") if help.name == COMPILE_COST.name => {
                runs = Some(
                    parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                );
            }
            Long("incremental") if help.name == COMPILE_COST.name => incremental = true,
            Value(value) => values.push(value.string().map_err(|e| e.to_string())?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let name = help.name;
    // synth-specs: with three values, the first names the product.
    let product = (name == SYNTH_SPECS.name && values.len() > 2).then(|| values.remove(0));
    let mut values = values.into_iter();
    let mut needs = |what: &str| {
        values
            .next()
            .ok_or_else(|| format!("`{name}` needs {what}"))
    };
    let command = match name {
        "generate" => Command::Generate { check },
        "import" => Command::Import {
            product: needs("PRODUCT")?,
            folder: needs("FOLDER")?,
        },
        "synth-specs" => Command::SynthSpecs {
            product,
            n: needs("N")?,
            out_dir: needs("OUT_DIR")?,
        },
        "compile-cost" => {
            // A number is N; anything else names the product.
            let mut product = None;
            let mut n = None;
            for _ in 0..2 {
                match values.next() {
                    Some(value) if value.chars().all(|c| c.is_ascii_digit()) && n.is_none() => {
                        n = Some(value);
                    }
                    Some(value) if product.is_none() && n.is_none() => product = Some(value),
                    Some(extra) => return Err(format!("unexpected argument {extra:?}")),
                    None => break,
                }
            }
            Command::CompileCost {
                product,
                n,
                runs,
                incremental,
            }
        }
        "bless-golden" => Command::BlessGolden,
        "help" => {
            let text = match values.next() {
                None => overview(),
                Some(wanted) => COMMANDS
                    .into_iter()
                    .find(|help| help.name == wanted)
                    .ok_or_else(|| format!("unknown command `{wanted}`"))?
                    .text(),
            };
            Command::Help(text)
        }
        _ => unreachable!("every command in COMMANDS is matched"),
    };
    match values.next() {
        Some(extra) => Err(format!("unexpected argument {extra:?}")),
        None => Ok(command),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, Misuse> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn bless_golden_takes_no_argument() {
        assert_eq!(parse_str(&["bless-golden"]), Ok(Command::BlessGolden));
        let misuse = parse_str(&["bless-golden", "odd"]).unwrap_err();
        assert_eq!(misuse.message, r#"unexpected argument "odd""#);
        assert!(misuse.usage.starts_with("usage: cargo xtask bless-golden"));
    }

    #[test]
    fn compile_cost_takes_its_options_in_any_order() {
        let expected = Command::CompileCost {
            product: None,
            n: Some("40".to_owned()),
            runs: Some("3".to_owned()),
            incremental: true,
        };
        for args in [
            &["compile-cost", "40", "--runs", "3", "--incremental"][..],
            &["compile-cost", "--incremental", "--runs=3", "40"],
        ] {
            assert_eq!(parse_str(args), Ok(expected.clone()));
        }
    }

    #[test]
    fn the_tools_take_a_product_before_their_numbers() {
        assert_eq!(
            parse_str(&["compile-cost", "ecs", "400", "--runs", "3"]),
            Ok(Command::CompileCost {
                product: Some("ecs".to_owned()),
                n: Some("400".to_owned()),
                runs: Some("3".to_owned()),
                incremental: false,
            })
        );
        assert_eq!(
            parse_str(&["compile-cost", "ecs"]),
            Ok(Command::CompileCost {
                product: Some("ecs".to_owned()),
                n: None,
                runs: None,
                incremental: false,
            })
        );
        assert!(parse_str(&["compile-cost", "400", "ecs"]).is_err());
        assert_eq!(
            parse_str(&["synth-specs", "ecs", "400", "/tmp/specs"]),
            Ok(Command::SynthSpecs {
                product: Some("ecs".to_owned()),
                n: "400".to_owned(),
                out_dir: "/tmp/specs".to_owned(),
            })
        );
        assert_eq!(
            parse_str(&["synth-specs", "400", "/tmp/specs"]),
            Ok(Command::SynthSpecs {
                product: None,
                n: "400".to_owned(),
                out_dir: "/tmp/specs".to_owned(),
            })
        );
    }

    #[test]
    fn an_option_of_another_command_is_refused() {
        let misuse = parse_str(&["generate", "--runs", "3"]).unwrap_err();
        assert!(misuse.message.contains("--runs"), "{}", misuse.message);
        assert!(misuse.usage.starts_with("usage: cargo xtask generate"));
    }

    #[test]
    fn a_missing_argument_is_named() {
        let misuse = parse_str(&["import", "vpc"]).unwrap_err();
        assert_eq!(misuse.message, "`import` needs FOLDER");
    }

    #[test]
    fn help_names_one_command_or_all() {
        assert_eq!(
            parse_str(&["help", "import"]),
            Ok(Command::Help(IMPORT.text()))
        );
        assert_eq!(
            parse_str(&["import", "--help"]),
            Ok(Command::Help(IMPORT.text()))
        );
        assert_eq!(parse_str(&["--help"]), Ok(Command::Help(overview())));
        assert_eq!(parse_str(&["help"]), Ok(Command::Help(overview())));
    }
}
