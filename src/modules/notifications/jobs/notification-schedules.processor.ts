import { OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { Clock, vietnamDate } from '@ocop/clock';
import { QueueProcessor } from '@ocop/queue';
import { CertificateReminders } from '../application/certificate-reminders';
import {
  NOTIFICATION_SCHEDULES_QUEUE,
  SCHEDULE_JOB_NAMES,
  ScheduleJobName,
} from '../application/notification-queues';

/** Scheduled jobs (one BullMQ job scheduler each, so one run per tick across replicas). */
@QueueProcessor(NOTIFICATION_SCHEDULES_QUEUE)
export class NotificationSchedulesProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: Record<ScheduleJobName, (job: Job) => Promise<unknown>> = {
    'ocop-certificates': () => this.certificates.run(vietnamDate(this.clock.now())),
  };

  constructor(
    private readonly certificates: CertificateReminders,
    private readonly clock: Clock,
  ) {
    super();
  }

  onModuleInit(): void {
    for (const name of SCHEDULE_JOB_NAMES) {
      if (!this.handlers[name]) throw new Error(`No handler for ${NOTIFICATION_SCHEDULES_QUEUE} job ${name}`);
    }
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as ScheduleJobName];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job);
  }
}
