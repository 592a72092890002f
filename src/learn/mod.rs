//! Learned models shared by the grammar and the name recognizer: an averaged perceptron over
//! hashed features, and the compact binary file its weights are kept in.

pub mod features;
pub mod perceptron;

pub use features::{feat, Feats};
pub use perceptron::{Model, Trainer};
