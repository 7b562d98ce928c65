export { type Job, type JobLog } from './job.js';
export { startWorker, type Worker, type WorkerOptions } from './worker.js';
