//! [`Rule`]: which calls of one action it answers, and with what.

use std::any::Any;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::answer::{Answer, Reply};
use crate::action::Action;

/// How often one answer of a rule is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    Times(usize),
    Forever,
}

/// A predicate on the typed request.
type Predicate<A> = Box<dyn Fn(&A) -> bool + Send + Sync>;

/// Answers the calls of action `A` (its request type), or those its
/// predicate accepts, with a sequence of answers.
///
/// Each answer is given once unless [`times`](Rule::times) or
/// [`repeatedly`](Rule::repeatedly) says otherwise; a rule whose answers
/// are all given is *exhausted* and answers nothing more. Every attempt
/// takes the next answer: a call the client retries meets the next answer
/// of the sequence.
///
/// A rule is a handle: clones share its answers and its count, so keep
/// one to ask afterwards how often it was used.
///
/// ```
/// # fn f<A: alibabacloud_runtime::Action>(throttled: A::ErrorCode, response: A::Response) {
/// use alibabacloud_runtime::mock::{Answer, Rule};
///
/// // Throttled twice, then this response.
/// let rule = Rule::<A>::new()
///     .then(Answer::service_error(throttled).status(400))
///     .times(2)
///     .then_output(response);
/// # }
/// ```
pub struct Rule<A: Action> {
    shared: Arc<Mutex<State<A>>>,
}

struct State<A: Action> {
    predicate: Option<Predicate<A>>,
    answers: Vec<(Reply, Repeat)>,
    /// The answer to give next, and how often it was given.
    next: usize,
    given: usize,
    /// The request of each attempt answered.
    answered: Vec<A>,
}

impl<A: Action> Rule<A> {
    /// A rule that answers every call of `A`, once it has answers.
    pub fn new() -> Self {
        Self {
            shared: Arc::new(Mutex::new(State {
                predicate: None,
                answers: Vec::new(),
                next: 0,
                given: 0,
                answered: Vec::new(),
            })),
        }
    }

    fn state(&self) -> MutexGuard<'_, State<A>> {
        // A panicking predicate poisons the lock; the state is still whole.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers only the calls whose request `predicate` accepts (all of
    /// them are still counted as calls of the mock). It runs while the
    /// mock picks a rule, so it must not call the mock or the rule.
    #[must_use]
    pub fn matching(self, predicate: impl Fn(&A) -> bool + Send + Sync + 'static) -> Self {
        self.state().predicate = Some(Box::new(predicate));
        self
    }

    /// Then answers with `answer` (once, unless followed by
    /// [`times`](Rule::times) or [`repeatedly`](Rule::repeatedly)).
    #[must_use]
    pub fn then(self, answer: impl Into<Answer<A>>) -> Self {
        let answer = answer.into();
        self.state().answers.push((answer.reply, Repeat::Times(1)));
        self
    }

    /// Then answers with a success, `response`; see [`Answer::output`].
    #[must_use]
    pub fn then_output(self, response: A::Response) -> Self {
        self.then(Answer::output(response))
    }

    /// Gives the last answer `n` times in all. Panics if there is no
    /// answer yet: that is a mistake in the test.
    #[must_use]
    pub fn times(self, n: usize) -> Self {
        self.set_repeat(Repeat::Times(n), "times")
    }

    /// Gives the last answer to every call from then on: the rule is never
    /// exhausted. Panics if there is no answer yet.
    #[must_use]
    pub fn repeatedly(self) -> Self {
        self.set_repeat(Repeat::Forever, "repeatedly")
    }

    fn set_repeat(self, repeat: Repeat, method: &str) -> Self {
        {
            let mut state = self.state();
            match state.answers.last_mut() {
                Some(last) => last.1 = repeat,
                None => panic!(
                    "Rule::<{}>::{method} needs an answer before it (call `then` first)",
                    A::NAME
                ),
            }
        }
        self
    }

    /// How many attempts this rule answered. A call that the client
    /// retried counts once per attempt.
    pub fn num_calls(&self) -> usize {
        self.state().answered.len()
    }

    /// The request of each attempt this rule answered, in order.
    pub fn requests(&self) -> Vec<A> {
        self.state().answered.clone()
    }

    /// Whether every answer was given, so that the rule answers no more.
    pub fn is_exhausted(&self) -> bool {
        self.state().is_exhausted()
    }

    /// The rule, without its type, as the mock keeps it.
    pub(super) fn erase(&self) -> Arc<dyn AnyRule> {
        Arc::new(self.clone())
    }
}

impl<A: Action> State<A> {
    fn is_exhausted(&self) -> bool {
        self.answers
            .get(self.next..)
            .is_none_or(|left| left.iter().all(|(_, repeat)| *repeat == Repeat::Times(0)))
    }

    /// The next answer, moving along the sequence.
    fn take(&mut self) -> Option<Reply> {
        // `times(0)` skips an answer.
        while matches!(self.answers.get(self.next), Some((_, Repeat::Times(0)))) {
            self.next += 1;
        }
        let (reply, repeat) = self.answers.get(self.next)?;
        let reply = reply.clone();
        self.given += 1;
        if let Repeat::Times(n) = *repeat {
            if self.given >= n {
                self.next += 1;
                self.given = 0;
            }
        }
        Some(reply)
    }
}

impl<A: Action> Default for Rule<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: Action> Clone for Rule<A> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<A: Action> fmt::Debug for Rule<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("Rule")
            .field("action", &A::NAME)
            .field("predicate", &state.predicate.is_some())
            .field("answers", &state.answers.len())
            .field("num_calls", &state.answered.len())
            .field("exhausted", &state.is_exhausted())
            .finish()
    }
}

/// What came of offering an attempt to a rule.
#[derive(Debug)]
pub(super) enum Outcome {
    /// The rule answered.
    Answered(Reply),
    /// Another action, or its predicate refused the request.
    NotMatching,
    /// It matches, but has no answer left.
    Exhausted,
}

/// A [`Rule`] of any action.
pub(super) trait AnyRule: Send + Sync + fmt::Debug {
    /// The action it answers.
    fn action(&self) -> &'static str;
    /// Offers it the typed request of an attempt.
    fn offer(&self, request: &(dyn Any + Send + Sync)) -> Outcome;
    /// Whether it is exhausted.
    fn exhausted(&self) -> bool;
}

impl<A: Action> AnyRule for Rule<A> {
    fn action(&self) -> &'static str {
        A::NAME
    }

    fn offer(&self, request: &(dyn Any + Send + Sync)) -> Outcome {
        let Some(request) = request.downcast_ref::<A>() else {
            return Outcome::NotMatching;
        };
        let mut state = self.state();
        if !state
            .predicate
            .as_ref()
            .is_none_or(|predicate| predicate(request))
        {
            return Outcome::NotMatching;
        }
        match state.take() {
            Some(reply) => {
                state.answered.push(request.clone());
                Outcome::Answered(reply)
            }
            None => Outcome::Exhausted,
        }
    }

    fn exhausted(&self) -> bool {
        self.is_exhausted()
    }
}
