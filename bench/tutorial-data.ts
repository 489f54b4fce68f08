// The tutorial's five 10×10 training images and labels, in training order, as nested rows (from src/training/tutorial.ts).
import { TUTORIAL_HYPERPARAMETERS, tutorialImages } from '../src/training/tutorial';

export const TUTORIAL_IMAGES: { name: string; image: number[][]; label: number }[] = tutorialImages().map((t) => ({
  name: t.name,
  label: t.label,
  image: Array.from({ length: t.shape[0] }, (_, r) => Array.from(t.data.slice(r * t.shape[1], (r + 1) * t.shape[1]))),
}));

export const TUTORIAL_EPOCHS = TUTORIAL_HYPERPARAMETERS.epochs;
