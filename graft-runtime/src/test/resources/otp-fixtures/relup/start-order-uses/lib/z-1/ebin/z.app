{application,z,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['z.Z']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
