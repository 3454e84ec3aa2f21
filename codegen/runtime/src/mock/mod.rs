//! A mock for the tests of code that calls the API (feature `test-util`):
//! typed rules answer a client's calls, with no network.
//!
//! A [`Rule`] answers the calls of one action, picked by its request type
//! (optionally narrowed by a predicate on the typed request), with typed
//! [`Answer`]s: a response, a service error with a typed code, a transport
//! failure or a timeout, or a sequence of them ("throttled twice, then this
//! response"). A [`Mock`] holds the rules; a client built with
//! [`ClientBuilder::mock`](crate::client::ClientBuilder::mock) sends every
//! attempt to it instead of the network.
//!
//! The calls go through the real client: each request is serialized and
//! signed, errors are read and retried by the client's rules, paginators
//! walk the mocked pages. Only the HTTP exchange is replaced, and no
//! socket is ever opened. Without rules nothing is answered: a call that
//! no rule answers fails, its error naming the action and the request.
//!
//! Everything is generic over [`Action`]: the mock adds no code per action.
//!
//! ```ignore
//! // In a crate depending on alibabacloud-vpc with the `test-util` feature:
//! use alibabacloud_vpc::mock::{Answer, Mock, Rule};
//! use alibabacloud_vpc::create_vswitch::{CreateVSwitchRequest, CreateVSwitchResponse};
//! use alibabacloud_vpc::ErrorCode;
//!
//! let create = Rule::<CreateVSwitchRequest>::new()
//!     .then(Answer::service_error(ErrorCode::from("Throttling.User")))
//!     .then_output(CreateVSwitchResponse::from_json(r#"{"VSwitchId": "vsw-1"}"#)?);
//! let mock = Mock::new().with_rule(&create);
//! let client = alibabacloud_vpc::Client::builder().mock(&mock).build()?;
//! // ... the code under test calls client.create_vswitch(...) once ...
//! assert_eq!(create.num_calls(), 2); // one call, retried once
//! assert_eq!(mock.calls::<CreateVSwitchRequest>()[0].zone_id(), "cn-hangzhou-b");
//! ```
//!
//! # How an attempt finds its typed request
//!
//! The transport sees only HTTP, but rules and assertions need the typed
//! request. The client hands the mock each typed request just before
//! writing it into its query (one hook in the client's shared core, there
//! only with this feature), and the mock files it under its wire form:
//! the action, the query and the body. An attempt is matched back to its
//! request by the same wire form, read from the signed HTTP request. Two
//! requests with the same wire form are the same request to the service,
//! so this is exact, whatever order calls run in; nothing is parsed back
//! into a request.

mod answer;
mod rule;
mod transport;

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use answer::{Answer, DEFAULT_REQUEST_ID, ServiceErrorAnswer};
pub use rule::Rule;

use answer::Reply;
use rule::{AnyRule, Outcome};
use transport::{MockTransport, WireForm};

use crate::action::Action;
use crate::client::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use crate::credentials::Credentials;
use crate::query::QueryPairs;

/// The endpoint of a mock client built without a region or endpoint. The
/// `.invalid` domain never resolves, though the mock never tries to.
pub(crate) const ENDPOINT: &str = "https://vpc.mock.invalid";

/// The credentials a mock client signs with when given none.
pub(crate) fn credentials() -> Credentials {
    Credentials::new("mock-access-key-id", "mock-access-key-secret")
}

/// How a [`Mock`] picks the rule for an attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleMode {
    /// The first rule, in the order they were added, that is for the
    /// call's action, accepts its request and is not exhausted.
    #[default]
    MatchAny,
    /// The rules in the order they were added: each attempt must be
    /// answered by the first rule not yet exhausted, else it fails.
    Sequential,
}

/// The rules a mock client's calls are answered from, and the record of
/// those calls. A handle: clones share both.
#[derive(Clone)]
pub struct Mock {
    shared: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    mode: RuleMode,
    rules: Vec<Arc<dyn AnyRule>>,
    /// Each call's typed request, in the order the calls were made.
    calls: Vec<Prepared>,
    /// The typed requests by wire form, for the transport.
    by_wire_form: HashMap<WireForm, Prepared>,
    /// Why each attempt no rule answered was refused.
    unmatched: Vec<String>,
}

/// A typed request as the client prepared it.
#[derive(Clone)]
struct Prepared {
    action: &'static str,
    request: Arc<dyn Any + Send + Sync>,
    debug: Arc<str>,
}

impl Mock {
    /// A mock without rules, in [`RuleMode::MatchAny`].
    pub fn new() -> Self {
        Self {
            shared: Arc::default(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking predicate poisons the lock; the state is still whole.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How rules are picked (default [`RuleMode::MatchAny`]).
    #[must_use]
    pub fn mode(self, mode: RuleMode) -> Self {
        self.state().mode = mode;
        self
    }

    /// Adds `rule` after the rules already there.
    #[must_use]
    pub fn with_rule<A: Action>(self, rule: &Rule<A>) -> Self {
        self.add_rule(rule);
        self
    }

    /// Adds `rule` after the rules already there, also once clients use
    /// the mock.
    pub fn add_rule<A: Action>(&self, rule: &Rule<A>) {
        self.state().rules.push(rule.erase());
    }

    /// The request of every call of action `A` made so far, in order: one
    /// per call, however often the client retried it. A call is recorded
    /// when the client method is called, before it is sent (a call whose
    /// parameters cannot be written is not).
    pub fn calls<A: Action>(&self) -> Vec<A> {
        self.state()
            .calls
            .iter()
            .filter_map(|call| call.request.downcast_ref::<A>().cloned())
            .collect()
    }

    /// The action of every call made so far, in order.
    pub fn actions(&self) -> Vec<&'static str> {
        self.state().calls.iter().map(|call| call.action).collect()
    }

    /// Why each attempt that no rule answered was refused (also in the
    /// error that attempt's call failed with): for a test to check that
    /// the code under test did not swallow such an error.
    pub fn unmatched(&self) -> Vec<String> {
        self.state().unmatched.clone()
    }

    /// Whether every rule gave all its answers (a rule answering
    /// [`repeatedly`](Rule::repeatedly) never has).
    pub fn all_rules_exhausted(&self) -> bool {
        self.state().rules.iter().all(|rule| rule.exhausted())
    }

    /// The async client's transport.
    #[cfg(feature = "client")]
    pub(crate) fn transport(&self) -> Arc<dyn crate::client::Transport> {
        MockTransport::new(self)
    }

    /// The blocking client's transport.
    #[cfg(feature = "blocking")]
    pub(crate) fn blocking_transport(&self) -> Arc<dyn crate::client::blocking::Transport> {
        MockTransport::new(self)
    }

    /// Records a call of the client and files its typed request under its
    /// wire form. Called by the client for each call before it is sent.
    pub(crate) fn prepared<A: Action>(&self, request: &A, query: &QueryPairs, body: &QueryPairs) {
        let prepared = Prepared {
            action: A::NAME,
            request: Arc::new(request.clone()),
            debug: format!("{request:?}").into(),
        };
        self.file(WireForm::of_parameters(A::NAME, query, body), prepared);
    }

    fn file(&self, wire_form: WireForm, prepared: Prepared) {
        let mut state = self.state();
        state.calls.push(prepared.clone());
        state.by_wire_form.insert(wire_form, prepared);
    }

    /// The answer to one attempt: the rule's, or an error saying why
    /// there is none.
    fn answer(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut state = self.state();
        let prepared = WireForm::of_attempt(request)
            .and_then(|wire_form| state.by_wire_form.get(&wire_form).cloned());
        let Some(prepared) = prepared else {
            return Err(TransportError::new(
                TransportErrorKind::Request,
                "the mock got a request its client did not prepare",
            ));
        };
        match state.pick(&prepared) {
            Ok(Reply::Http(response)) => Ok(response),
            Ok(Reply::Fail(error)) => Err(error),
            Err(why) => {
                let message = format!(
                    "no mock rule answers this {} call ({why}): {}",
                    prepared.action, prepared.debug
                );
                state.unmatched.push(message.clone());
                Err(TransportError::new(TransportErrorKind::Request, message))
            }
        }
    }
}

impl State {
    /// The answer of the rule the mode picks for `call`, or why none does.
    fn pick(&self, call: &Prepared) -> Result<Reply, String> {
        let request = &*call.request;
        match self.mode {
            RuleMode::MatchAny => {
                let (mut refused, mut exhausted) = (0, 0);
                for rule in self
                    .rules
                    .iter()
                    .filter(|rule| rule.action() == call.action)
                {
                    match rule.offer(request) {
                        Outcome::Answered(reply) => return Ok(reply),
                        Outcome::NotMatching => refused += 1,
                        Outcome::Exhausted => exhausted += 1,
                    }
                }
                Err(match (refused, exhausted) {
                    (0, 0) => format!("the mock has no rule for {}", call.action),
                    (refused, 0) => format!("its {refused} rule(s) refused the request"),
                    (0, exhausted) => format!("its {exhausted} rule(s) are exhausted"),
                    (refused, exhausted) => format!(
                        "of its rules, {refused} refused the request and {exhausted} are exhausted"
                    ),
                })
            }
            RuleMode::Sequential => {
                let Some(rule) = self.rules.iter().find(|rule| !rule.exhausted()) else {
                    return Err("every rule of the sequence is exhausted".to_string());
                };
                if rule.action() != call.action {
                    return Err(format!(
                        "the next rule of the sequence is for {}",
                        rule.action()
                    ));
                }
                match rule.offer(request) {
                    Outcome::Answered(reply) => Ok(reply),
                    Outcome::NotMatching => {
                        Err("the next rule of the sequence refused the request".to_string())
                    }
                    Outcome::Exhausted => {
                        Err("every rule of the sequence is exhausted".to_string())
                    }
                }
            }
        }
    }
}

impl Default for Mock {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("Mock")
            .field("mode", &state.mode)
            .field("rules", &state.rules)
            .field("calls", &state.calls.len())
            .field("unmatched", &state.unmatched.len())
            .finish()
    }
}
