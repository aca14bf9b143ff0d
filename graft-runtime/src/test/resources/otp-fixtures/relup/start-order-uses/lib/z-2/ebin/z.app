{application,z,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['z.Z']},
              {registered,[]},
              {applications,[kernel,stdlib,y,x]}]}.
