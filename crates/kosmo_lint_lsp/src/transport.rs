//! JSON-RPC over stdio, framed by `Content-Length` headers. lsp-server's own stdio transport
//! ends the connection at the first payload that is not a message; this one says so on
//! stderr and reads on, so that a malformed message never takes the server down.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The threads that read stdin and write stdout; joined when the server stops.
pub struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    pub fn join(self) -> Result<(), String> {
        // The reader may be blocked on stdin after `exit`: it ends with the process.
        drop(self.reader);
        match self.writer.join() {
            Ok(result) => result.map_err(|err| format!("cannot write to stdout: {err}")),
            Err(_) => Err("the writer thread panicked".to_owned()),
        }
    }
}

pub fn stdio() -> (Connection, IoThreads) {
    let (writer_sender, writer_receiver): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for message in writer_receiver {
            message.write(&mut stdout)?;
        }
        stdout.flush()
    });
    let (reader_sender, reader_receiver) = bounded(0);
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        loop {
            let message = match read_payload(&mut stdin) {
                Ok(None) => break,
                Ok(Some(payload)) => match serde_json::from_str::<Message>(&payload) {
                    Ok(message) => message,
                    Err(err) => {
                        eprintln!("kosmo-lint lsp: ignored a message that is not JSON-RPC: {err}");
                        continue;
                    }
                },
                Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                    eprintln!("kosmo-lint lsp: ignored a malformed message: {err}");
                    continue;
                }
                Err(err) => {
                    eprintln!("kosmo-lint lsp: cannot read stdin: {err}");
                    break;
                }
            };
            let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if reader_sender.send(message).is_err() || is_exit {
                break;
            }
        }
    });
    let connection = Connection { sender: writer_sender, receiver: reader_receiver };
    (connection, IoThreads { reader, writer })
}

/// One message's body; `None` at the end of the input. A header block without a usable
/// `Content-Length` is skipped whole (the next block may be fine).
fn read_payload(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or_else(|| invalid("no valid Content-Length header"))?;
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    String::from_utf8(body).map(Some).map_err(|_| invalid("the body is not UTF-8"))
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::read_payload;

    #[test]
    fn reads_framed_payloads_and_skips_a_bad_header_block() {
        let input = b"Content-Length: 2\r\n\r\n{}X-Other: 1\r\n\r\nContent-Length: 4\r\n\r\nnull";
        let mut input = &input[..];
        assert_eq!(read_payload(&mut input).unwrap().as_deref(), Some("{}"));
        assert!(read_payload(&mut input).is_err(), "no length");
        assert_eq!(read_payload(&mut input).unwrap().as_deref(), Some("null"));
        assert_eq!(read_payload(&mut input).unwrap(), None);
    }
}
