import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { HealthService } from '../application/health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is running' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis answer; 503 names the dependency that failed' })
  @ApiResponse({
    status: 200,
    schema: {
      example: { status: 'ok', info: { postgres: { status: 'up', latencyMs: 1 }, redis: { status: 'up' } } },
    },
  })
  @ApiResponse({
    status: 503,
    description: 'Problem document; `failed` lists the dependencies that did not answer',
    schema: {
      example: {
        type: 'https://ocop.example/problems/dependency-unavailable',
        title: 'Dịch vụ không sẵn sàng',
        status: 503,
        code: 'DEPENDENCY_UNAVAILABLE',
        detail: 'Dịch vụ chưa sẵn sàng: redis không phản hồi.',
        failed: ['redis'],
      },
    },
  })
  ready() {
    return this.health.ready();
  }
}
