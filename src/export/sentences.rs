//! The sample sentences of a graph's edges, read from the store a window of edges ahead, in
//! sentence-id order, as the writers walk the edges in graph order.
//!
//! Holding every sample sentence would cost the export their whole text (50 MB for a
//! million short ones); looking each up as its edge is written walks the sentence table at
//! random (a page read per edge). A window of `WINDOW` edges read in id order costs at most
//! one pass over the table's pages per window and holds only that window's text.

use crate::error::Result;
use crate::graph::Graph;
use crate::store::SentenceReader;
use petgraph::graph::EdgeIndex;

/// Edges per window: 8 windows for a million edges, a few MB of text each.
const WINDOW: usize = 1 << 17;

/// The sentence of each edge, for edges taken in index order (any order works, but
/// only index order reads each window once).
pub struct Sentences<'g, 's> {
    graph: &'g Graph,
    reader: SentenceReader<'s>,
    window: usize,
    /// First edge index of the window loaded, and its end.
    start: usize,
    end: usize,
    /// The window's sentence texts, and each edge's span of `text`, by edge index - `start`.
    text: String,
    spans: Vec<(u32, u32)>,
}

impl<'g, 's> Sentences<'g, 's> {
    pub fn new(graph: &'g Graph, reader: SentenceReader<'s>) -> Self {
        Self::with_window(graph, reader, WINDOW)
    }

    fn with_window(graph: &'g Graph, reader: SentenceReader<'s>, window: usize) -> Self {
        Sentences {
            graph,
            reader,
            window: window.max(1),
            start: 0,
            end: 0,
            text: String::new(),
            spans: Vec::new(),
        }
    }

    /// The sample sentence of edge `e`.
    pub fn get(&mut self, e: EdgeIndex) -> Result<&str> {
        let i = e.index();
        if !(self.start..self.end).contains(&i) {
            self.load(i)?;
        }
        let (from, len) = self.spans[i - self.start];
        Ok(&self.text[from as usize..(from + len) as usize])
    }

    /// Read the sentences of edges `first..first + window` in sentence-id order.
    fn load(&mut self, first: usize) -> Result<()> {
        let edges = self.graph.g.raw_edges();
        let end = (first + self.window).min(edges.len());
        let mut wanted: Vec<(i64, u32)> = (first..end)
            .map(|i| (edges[i].weight.sentence_id, (i - first) as u32))
            .collect();
        wanted.sort_unstable();
        self.text.clear();
        self.spans.clear();
        self.spans.resize(end - first, (0, 0));
        let mut last: Option<(i64, (u32, u32))> = None;
        for (id, slot) in wanted {
            let span = match last {
                Some((seen, span)) if seen == id => span,
                _ => {
                    // A window's text stays far below 4 GiB: WINDOW sentences of a few KB.
                    let from = self.text.len();
                    self.reader.append(id, &mut self.text)?;
                    let span = (from as u32, (self.text.len() - from) as u32);
                    last = Some((id, span));
                    span
                }
            };
            self.spans[slot as usize] = span;
        }
        (self.start, self.end) = (first, end);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{self, Filter};
    use crate::model::Article;
    use crate::nlp::Extractor;
    use crate::store::{PreparedArticle, Store};

    const TEXTS: [&str; 3] = [
        "China banned North Korean coal on Monday.",
        "Japan sanctioned Russia over the war.",
        "France criticized Germany over the budget.",
    ];

    /// A store of one article per text, each with one edge.
    fn store() -> Store {
        let x = Extractor::new(None).unwrap();
        let batch: Vec<PreparedArticle> = TEXTS
            .iter()
            .enumerate()
            .map(|(i, text)| PreparedArticle {
                hash: format!("h{i}"),
                extraction: x.extract(text),
                article: Article {
                    path: format!("{i}.txt"),
                    text: text.to_string(),
                    ..Default::default()
                },
            })
            .collect();
        let mut s = Store::open_memory().unwrap();
        s.write_batch(&batch).unwrap();
        s
    }

    #[test]
    fn every_edge_gets_its_own_sentence_whatever_the_window() {
        let s = store();
        let g = graph::build_with(&s, &Filter::default(), false, false).unwrap();
        assert_eq!(g.edge_count(), 3);
        // Each edge's sentence names its source: the first word of its text.
        let expected = |e: EdgeIndex| {
            let (a, _) = g.g.edge_endpoints(e).unwrap();
            let name = &g.g[a].name;
            TEXTS.iter().find(|t| t.starts_with(name.as_str())).unwrap()
        };
        for window in [1, 2, 3, 10] {
            let reader = s.sentence_reader().unwrap();
            let mut sentences = Sentences::with_window(&g, reader, window);
            for e in g.g.edge_indices().chain(g.g.edge_indices().rev()) {
                assert_eq!(sentences.get(e).unwrap(), *expected(e), "window {window}");
            }
        }
    }
}
