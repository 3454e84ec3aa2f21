//! A real HTTP/1.1 server on loopback for client tests: it records every
//! request and answers with whatever the test's handler decides, so retries,
//! timeouts, errors and paging run over actual sockets, not a mock.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, such as `/`.
    pub path: String,
    /// The query pairs, percent-decoded, in the order sent.
    pub query: Vec<(String, String)>,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answer with this status, content type and body.
    Respond {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type`.
        content_type: &'static str,
        /// The body.
        body: String,
    },
    /// Wait this long before answering 200 with an empty JSON object.
    Stall(Duration),
    /// Write these bytes as they are (a whole response, or a broken one),
    /// then close the connection.
    Raw(Vec<u8>),
    /// Close the connection without answering.
    Close,
    /// Answer with this status, these extra headers (a `Date`, say) and
    /// this body.
    WithHeaders {
        /// The HTTP status.
        status: u16,
        /// Extra headers, written as they are.
        headers: Vec<(String, String)>,
        /// The body.
        body: String,
    },
    /// Wait this long, then answer with the inner reply.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply::Respond {
            status,
            content_type: "application/json;charset=utf-8",
            body: body.into(),
        }
    }

    /// An XML answer.
    pub fn xml(status: u16, body: impl Into<String>) -> Self {
        Reply::Respond {
            status,
            content_type: "text/xml;charset=utf-8",
            body: body.into(),
        }
    }
}

type Handler = dyn Fn(&Received, usize) -> Reply + Send + Sync;

/// A server on `127.0.0.1` with an OS-chosen port, stopped when dropped.
#[derive(Debug)]
pub struct TestServer {
    address: std::net::SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts the server; `handler` gets each request and its 0-based index.
    pub async fn start(
        handler: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("loopback is available");
        let address = listener
            .local_addr()
            .expect("a bound socket has an address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let record = Arc::clone(&received);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = Arc::clone(&handler);
                let record = Arc::clone(&record);
                tokio::spawn(async move {
                    let _ = serve(stream, handler, record).await;
                });
            }
        });
        TestServer {
            address,
            received,
            task,
        }
    }

    /// `http://127.0.0.1:PORT`, for the client's endpoint override.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .map(|received| received.clone())
            .unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A [`TestServer`] on a tokio runtime of its own, for tests of the
/// blocking client, which run no async code themselves.
#[derive(Debug)]
pub struct BlockingServer {
    /// The server.
    pub server: TestServer,
    _runtime: tokio::runtime::Runtime,
}

impl BlockingServer {
    /// Starts the server on a new one-thread runtime.
    pub fn start(handler: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime starts");
        let server = runtime.block_on(TestServer::start(handler));
        Self {
            server,
            _runtime: runtime,
        }
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    record: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream).await? else {
        return Ok(());
    };
    let index = {
        let mut received = record
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?;
        received.push(request.clone());
        received.len() - 1
    };
    let mut reply = handler(&request, index);
    while let Reply::Delayed(wait, inner) = reply {
        tokio::time::sleep(wait).await;
        reply = *inner;
    }
    let mut extra = String::new();
    let (status, content_type, body) = match reply {
        Reply::Respond {
            status,
            content_type,
            body,
        } => (status, content_type, body),
        Reply::WithHeaders {
            status,
            headers,
            body,
        } => {
            for (name, value) in headers {
                extra.push_str(&format!("{name}: {value}\r\n"));
            }
            (status, "text/plain", body)
        }
        Reply::Delayed(..) => return Ok(()),
        Reply::Stall(duration) => {
            tokio::time::sleep(duration).await;
            (200, "application/json", "{}".to_string())
        }
        Reply::Raw(bytes) => {
            stream.write_all(&bytes).await?;
            return stream.shutdown().await;
        }
        Reply::Close => return Ok(()),
    };
    let head = format!(
        "HTTP/1.1 {status} Test\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Received>> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_string();
    let target = request_line.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Ok(Some(Received {
        method,
        path: path.to_string(),
        query: decode_query(query),
        headers,
        body,
    }))
}

/// `a=1&b=x%20y` → pairs, percent-decoded (`+` is a space, as in forms).
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}
