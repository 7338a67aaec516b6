//! Small grammars of Chinese policy documents.
