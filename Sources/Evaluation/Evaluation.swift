// Evaluation: vector readers, analogy, similarity and nearest neighbours (see README).
