import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation';
import { ChangeRoleDto, ListUsersQuery, UserDto, UserPageDto } from './dto/user.dto';
import { toUserDto, UsersService } from './users.service';

@ApiTags('users (admin)')
@Authenticated({ roles: ['admin'] })
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users, optionally by role' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<UserDto> {
    return toUserDto(await this.users.getById(id));
  }

  @Patch(':id/role')
  @ApiOperation({ summary: 'Change a user’s role (takes effect on their next request)' })
  @ApiOkResponse({ type: UserDto })
  async changeRole(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: ChangeRoleDto,
  ): Promise<UserDto> {
    return toUserDto(await this.users.setRole(admin.id, id, body.role));
  }
}
