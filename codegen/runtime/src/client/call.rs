//! [`Call`]: the future one call of the async client returns.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::SdkError;
use super::core::{Core, SendFailure};
use super::transport::BoxFuture;
use crate::action::Action;
use crate::query::QueryError;

/// One call of an action `A`: a future that resolves to its typed
/// response, or to the [`SdkError`] of its error codes.
///
/// Each generated client method returns one, which keeps the methods plain
/// functions: an `async fn` per action was half of a product crate's build
/// time. The type can be named, so a call can be stored or sent to a task
/// before it is awaited. The request is written into its query when the
/// call is made; nothing is sent until the future is polled. Polled again
/// after it is ready, it stays pending.
#[must_use = "a call sends nothing unless it is awaited"]
pub struct Call<'a, A: Action> {
    step: Step<'a>,
    action: PhantomData<fn() -> A>,
}

/// Where a call is. Only the end, reading the response into `A`'s types,
/// depends on the action; the sending is one future type for all actions.
enum Step<'a> {
    Sending(BoxFuture<'a, Result<(u16, String), SendFailure>>),
    /// The request could not be written into its query.
    Refused(QueryError),
    Done,
}

impl<'a, A: Action> Call<'a, A> {
    pub(super) fn sending(sending: BoxFuture<'a, Result<(u16, String), SendFailure>>) -> Self {
        Self {
            step: Step::Sending(sending),
            action: PhantomData,
        }
    }

    pub(super) fn refused(error: QueryError) -> Self {
        Self {
            step: Step::Refused(error),
            action: PhantomData,
        }
    }
}

impl<A: Action> Future for Call<'_, A> {
    type Output = Result<A::Response, SdkError<A::ErrorCode>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        match std::mem::replace(&mut this.step, Step::Done) {
            Step::Sending(mut sending) => match sending.as_mut().poll(cx) {
                Poll::Ready(sent) => Poll::Ready(Core::finish::<A>(sent)),
                Poll::Pending => {
                    this.step = Step::Sending(sending);
                    Poll::Pending
                }
            },
            Step::Refused(error) => Poll::Ready(Err(SdkError::Query(error))),
            Step::Done => Poll::Pending,
        }
    }
}

impl<A: Action> fmt::Debug for Call<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
            Step::Sending(_) => "sending",
            Step::Refused(_) => "refused",
            Step::Done => "done",
        };
        f.debug_struct("Call")
            .field("action", &A::NAME)
            .field("step", &step)
            .finish()
    }
}
