-- Runs under a noise model and runs of parametric circuits (issues 12 and 13).
-- noise_model: the model's canonical JSON text (qise-noise-model/1), null for an ideal run;
-- noise_method: density-matrix or trajectories, fixed when the run is queued so that a
-- reproduction takes the same path and can come out bit for bit the same;
-- parameters: JSON object name -> value the circuit's free parameters were bound to.
-- workshop_exercises.noise_model: the model grading simulates submissions under, or null.
ALTER TABLE runs ADD COLUMN noise_model TEXT;
ALTER TABLE runs ADD COLUMN noise_method TEXT;
ALTER TABLE runs ADD COLUMN parameters TEXT;
ALTER TABLE workshop_exercises ADD COLUMN noise_model TEXT;
