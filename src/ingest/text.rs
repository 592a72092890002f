//! Plain-text articles (`.txt`, `.md`): one article per file, wire conventions applied.

use super::{finish, read_whole, Item, ReadOptions};
use crate::model::Article;
use std::io::BufRead;

pub fn read(
    input: Box<dyn BufRead + '_>,
    path: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    if let Some(text) = read_whole(input, path, sink) {
        let a = Article {
            path: path.to_string(),
            text,
            ..Default::default()
        };
        sink(finish(a, opts, path, 1));
    }
}
