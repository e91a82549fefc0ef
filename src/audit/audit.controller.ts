import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { AuditService } from './audit.service';
import { AdminAuditQuery, AuditPageDto } from './dto/audit.dto';

/** Read-only: the audit log has no route that edits or deletes entries. */
@ApiTags('security')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('api/security/audit-log')
  @Authenticated()
  @ApiOperation({ summary: 'The caller’s own security events, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  own(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<AuditPageDto> {
    return this.audit.listOwn(user.id, query);
  }

  @Get('api/admin/audit-log')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ summary: 'All security events, filtered and newest first (admin)' })
  @ApiOkResponse({ type: AuditPageDto })
  all(@Query() query: AdminAuditQuery): Promise<AuditPageDto> {
    return this.audit.listAll(query);
  }
}
