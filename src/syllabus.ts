// The learner's questions that the chapters answer, one line each, in our words.
// Chapters claim them in their frontmatter (`covers`); each must be claimed exactly once.
export const SYLLABUS = {
  A1: 'Why not predict the digit as a single number?',
  A2: 'Why are array operations so much faster than loops?',
  A3: 'Why throw away the colour channels?',
  A4: 'Why flatten a 28×28 image into a vector?',
  A5: 'What does the learning rate do?',
  A6: 'Why is W1 shaped (h, i) and b1 shaped (h, 1)?',
  A7: 'What is broadcasting, and where does the bias use it?',
  A8: 'What does randn give, and why scale the initial weights?',
  A9: 'Why do we need activation functions, and which one?',
  A10: 'How does softmax relate to the sigmoid?',
  A11: 'What does gradient descent look for, and which way does it step?',
  A12: 'What is cross-entropy loss?',
  A13: 'Why normalise the inputs?',
  A14: 'Why softmax with cross-entropy, and where does ŷ − y come from?',
  A15: 'Why does backpropagation need the forward pass’s intermediate values?',
  A16: 'What are the training, validation and test sets for?',
  A17: 'What is a parameter, and what is a hyperparameter?',
  A18: 'What does argmax return, and along which axis?',
} as const;

export type SyllabusId = keyof typeof SYLLABUS;
export const SYLLABUS_IDS = Object.keys(SYLLABUS) as [SyllabusId, ...SyllabusId[]];
