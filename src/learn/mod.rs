//! Learned models shared by the grammar and the name recognizer: an averaged perceptron over
//! hashed features, and the compact binary file its weights are kept in.

mod compact;
pub mod features;
pub mod memo;
mod modelfile;
pub mod perceptron;
#[cfg(test)]
mod tests;
pub mod trainer;

pub use features::{combine, feat, hash_str, Feats};
pub use memo::Memo;
pub use perceptron::Model;
pub use trainer::Trainer;

/// A small deterministic random number generator (xorshift64*), so training shuffles and
/// explores the same way on every machine and every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
